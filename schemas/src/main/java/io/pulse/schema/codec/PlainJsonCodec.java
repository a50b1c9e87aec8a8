package io.pulse.schema.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The plain JSON encoding of a record: one JSON object whose field names are the Avro field names,
 * optional fields written bare (not Avro's {"int": 5} union wrapping) and left out when null, enums
 * as their names, dates as ISO-8601 strings, bytes as base64.
 *
 * <p>Decoding is strict about what the schema has, because a lenient reader would score wrong data:
 * missing required fields, wrong types and unknown enum symbols are errors naming the field. A
 * field the schema does not have is ignored and reported to a listener ({@link
 * UnknownJsonFields#IGNORE}, the default: producers add fields), or an error ({@link
 * UnknownJsonFields#REFUSE}). So are a field given twice (readers disagree on which one counts) and
 * anything after the object (a record glued to garbage or to a second record is corrupt, as
 * trailing bytes are in Avro). Error messages quote at most {@value #QUOTED_CHARS} characters of
 * the offending value: they go into dead letters, which must not grow with the input.
 */
public final class PlainJsonCodec<T extends SpecificRecord> implements RecordCodec<T> {
    static final int QUOTED_CHARS = 64;
    private static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .build();

    private final Schema schema;
    private final SpecificData data = SpecificData.get();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    private final UnknownJsonFields unknownFields;
    private final Consumer<String> unknownFieldListener;

    /** A decoder that ignores unknown fields silently; for encoding, and for tools. */
    public PlainJsonCodec(Class<T> type) {
        this(type, UnknownJsonFields.IGNORE, name -> {});
    }

    /**
     * @param unknownFieldListener told the path of every unknown field of an ignoring decoder
     *     ({@code colour}, {@code reasons[0].colour}), at most {@value #QUOTED_CHARS} characters
     */
    public PlainJsonCodec(
            Class<T> type, UnknownJsonFields unknownFields, Consumer<String> unknownFieldListener) {
        this.schema = SpecificData.get().getSchema(type);
        this.unknownFields = unknownFields;
        this.unknownFieldListener = unknownFieldListener;
    }

    @Override
    public byte[] encode(T record) {
        out.reset();
        try (JsonGenerator generator = MAPPER.getFactory().createGenerator(out)) {
            writeRecord(generator, record, schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The JSON text of a record, for logs and consoles. */
    public String toJson(T record) {
        return new String(encode(record), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public T decode(byte[] bytes) throws CodecException {
        if (bytes == null || bytes.length == 0) {
            throw new CodecException("empty value");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new CodecException("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new CodecException("not valid JSON: " + e.getMessage());
        }
        @SuppressWarnings("unchecked")
        T record = (T) readRecord(tree, schema, "");
        return record;
    }

    private Object readRecord(JsonNode node, Schema recordSchema, String path)
            throws CodecException {
        if (node == null || !node.isObject()) {
            throw new CodecException(describe(path) + " must be a JSON object");
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (recordSchema.getField(name) == null) {
                if (unknownFields == UnknownJsonFields.REFUSE) {
                    throw new CodecException("unknown field '" + cut(path + name) + "'");
                }
                unknownFieldListener.accept(cut(path + name));
            }
        }
        SpecificRecord record = (SpecificRecord) data.newRecord(null, recordSchema);
        for (Schema.Field field : recordSchema.getFields()) {
            JsonNode value = node.get(field.name());
            String fieldPath = path + field.name();
            if (value == null || value.isNull()) {
                if (isNullable(field.schema())) {
                    record.put(field.pos(), null);
                } else if (value == null && field.hasDefaultValue()) {
                    record.put(field.pos(), data.getDefaultValue(field));
                } else {
                    throw new CodecException("missing field '" + fieldPath + "'");
                }
            } else {
                record.put(field.pos(), readValue(value, field.schema(), fieldPath));
            }
        }
        return record;
    }

    private Object readValue(JsonNode node, Schema type, String path) throws CodecException {
        switch (type.getType()) {
            case UNION:
                return readValue(node, nonNull(type), path);
            case STRING:
                if (!node.isTextual()) {
                    throw wrongType(path, "a string", node);
                }
                return node.asText();
            case INT:
                if (type.getLogicalType() instanceof LogicalTypes.Date) {
                    return readDate(node, path);
                }
                if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                    throw wrongType(path, "a whole number", node);
                }
                return node.intValue();
            case LONG:
                if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                    throw wrongType(path, "a whole number", node);
                }
                return node.longValue();
            case DOUBLE:
                if (!node.isNumber()) {
                    throw wrongType(path, "a number", node);
                }
                return node.doubleValue();
            case BOOLEAN:
                if (!node.isBoolean()) {
                    throw wrongType(path, "true or false", node);
                }
                return node.booleanValue();
            case ENUM:
                if (!node.isTextual() || !type.hasEnumSymbol(node.asText())) {
                    throw new CodecException(
                            "field '"
                                    + path
                                    + "' is '"
                                    + cut(node.asText())
                                    + "', expected one of "
                                    + type.getEnumSymbols());
                }
                return data.createEnum(node.asText(), type);
            case BYTES:
                if (!node.isTextual()) {
                    throw wrongType(path, "a base64 string", node);
                }
                try {
                    return ByteBuffer.wrap(Base64.getDecoder().decode(node.asText()));
                } catch (IllegalArgumentException e) {
                    throw wrongType(path, "a base64 string", node);
                }
            case ARRAY:
                if (!node.isArray()) {
                    throw wrongType(path, "a list", node);
                }
                List<Object> items = new ArrayList<>(node.size());
                for (int i = 0; i < node.size(); i++) {
                    items.add(readValue(node.get(i), type.getElementType(), path + "[" + i + "]"));
                }
                return items;
            case RECORD:
                return readRecord(node, type, path + ".");
            default:
                throw new CodecException(
                        "field '" + path + "' has an unsupported type " + type.getType());
        }
    }

    private static LocalDate readDate(JsonNode node, String path) throws CodecException {
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return LocalDate.ofEpochDay(node.intValue());
        }
        if (node.isTextual()) {
            try {
                return LocalDate.parse(node.asText());
            } catch (DateTimeParseException e) {
                // fall through
            }
        }
        throw wrongType(path, "a date (YYYY-MM-DD)", node);
    }

    private void writeRecord(JsonGenerator generator, Object record, Schema recordSchema)
            throws IOException {
        SpecificRecord specific = (SpecificRecord) record;
        generator.writeStartObject();
        for (Schema.Field field : recordSchema.getFields()) {
            Object value = specific.get(field.pos());
            if (value != null) {
                generator.writeFieldName(field.name());
                writeValue(generator, value, field.schema());
            }
        }
        generator.writeEndObject();
    }

    private void writeValue(JsonGenerator generator, Object value, Schema type) throws IOException {
        switch (type.getType()) {
            case UNION:
                writeValue(generator, value, nonNull(type));
                break;
            case STRING:
            case ENUM:
                generator.writeString(value.toString());
                break;
            case INT:
                if (value instanceof LocalDate) {
                    generator.writeString(value.toString());
                } else {
                    generator.writeNumber((Integer) value);
                }
                break;
            case LONG:
                generator.writeNumber((Long) value);
                break;
            case DOUBLE:
                generator.writeNumber((Double) value);
                break;
            case BOOLEAN:
                generator.writeBoolean((Boolean) value);
                break;
            case BYTES:
                ByteBuffer buffer = ((ByteBuffer) value).duplicate();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                generator.writeString(Base64.getEncoder().encodeToString(bytes));
                break;
            case ARRAY:
                generator.writeStartArray();
                for (Object item : (List<?>) value) {
                    writeValue(generator, item, type.getElementType());
                }
                generator.writeEndArray();
                break;
            case RECORD:
                writeRecord(generator, value, type);
                break;
            default:
                throw new IllegalStateException("unsupported Avro type " + type.getType());
        }
    }

    private static boolean isNullable(Schema type) {
        return type.getType() == Schema.Type.UNION
                && type.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL);
    }

    private static Schema nonNull(Schema union) {
        for (Schema branch : union.getTypes()) {
            if (branch.getType() != Schema.Type.NULL) {
                return branch;
            }
        }
        throw new IllegalStateException("union without a non-null branch: " + union);
    }

    private static CodecException wrongType(String path, String expected, JsonNode node) {
        return new CodecException(
                "field '" + path + "' must be " + expected + ", got " + quote(node));
    }

    /** The value as JSON text, cut short. */
    private static String quote(JsonNode node) {
        return cut(node.toString());
    }

    /** A 100k-character value must not make a 100k-character message. */
    private static String cut(String text) {
        return text.length() <= QUOTED_CHARS
                ? text
                : text.substring(0, QUOTED_CHARS) + "... (" + text.length() + " characters)";
    }

    private static String describe(String path) {
        return path.isEmpty()
                ? "the record"
                : "field '" + path.substring(0, path.length() - 1) + "'";
    }
}
