package io.pulse.schema.codec;

import org.apache.avro.Schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The schemas of the input records as earlier Pulse releases defined them, newest first: what a
 * producer that has not upgraded still writes. Plain Avro binary carries no schema, so a record
 * written with one of these is read with it and resolved to the current schema (the fields added
 * since take their defaults). Kept as resources {@code released/<Record>.<release>.avsc}; a release
 * that changes an input schema adds the schema it replaces.
 */
final class ReleasedSchemas {
    /** Releases whose input schemas differ from a later one's, newest first. */
    private static final List<String> RELEASES = List.of("pulse-0.1");

    private ReleasedSchemas() {}

    static List<Schema> of(Schema current) {
        List<Schema> schemas = new ArrayList<>();
        for (String release : RELEASES) {
            String name =
                    "/io/pulse/schema/released/" + current.getName() + "." + release + ".avsc";
            try (InputStream in = ReleasedSchemas.class.getResourceAsStream(name)) {
                if (in != null) {
                    schemas.add(new Schema.Parser().parse(in));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("the released schema " + name, e);
            }
        }
        return schemas;
    }
}
