package io.pulse.schema.codec;

import io.pulse.schema.Alert;
import io.pulse.schema.AlertStatus;
import io.pulse.schema.AlertType;
import io.pulse.schema.CustomerType;
import io.pulse.schema.LifecycleStage;
import io.pulse.schema.Reason;
import io.pulse.schema.Route;
import io.pulse.schema.Segment;
import io.pulse.schema.Severity;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.ValueTier;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodecTest {

    private static SubscriberProfile profile() {
        return SubscriberProfile.newBuilder()
                .setSubscriberId("sub-1")
                .setCustomerType(CustomerType.INDIVIDUAL)
                .setSegment(Segment.MASS)
                .setActivationDate(LocalDate.of(2024, 1, 15))
                .setPlanCode("P58")
                .setPlanMonthlyFeeMinor(5800)
                .setUpdatedAt(1L)
                .build();
    }

    private static Alert alert() {
        return Alert.newBuilder()
                .setAlertId("a-1")
                .setType(AlertType.ZERO_ACTIVITY)
                .setStatus(AlertStatus.OPEN)
                .setSeverity(Severity.HIGH)
                .setPriority(1)
                .setSubscriberId("sub-1")
                .setSegment(Segment.KEY_ACCOUNT)
                .setValueTier(ValueTier.GOLD)
                .setLifecycleStage(LifecycleStage.MATURITY)
                .setChurnProbability(0.25)
                .setSatisfaction(80.0)
                .setReasons(
                        List.of(
                                Reason.newBuilder()
                                        .setCode("NO_OUTGOING_ACTIVITY")
                                        .setText("silent")
                                        .setMeasured(3.0)
                                        .setThreshold(3.0)
                                        .build()))
                .setRecommendedAction("call")
                .setRoute(Route.ACCOUNT_MANAGER)
                .setAssignee("am-7")
                .setEpisodeStart(1L)
                .setEventTime(2L)
                .setProcessingTime(3L)
                .setModelVersion("m")
                .setConfigVersion("c")
                .build();
    }

    @Test
    void avroAndJsonRoundTripNestedRecordsDatesAndOptionalFields() throws Exception {
        // the registry format needs a registry: RegistryFramedAvroCodecTest
        for (WireFormat format : List.of(WireFormat.AVRO, WireFormat.JSON, WireFormat.AUTO)) {
            assertThat(format.codec(Alert.class).decode(format.codec(Alert.class).encode(alert())))
                    .isEqualTo(alert());
            RecordCodec<SubscriberProfile> codec = format.codec(SubscriberProfile.class);
            assertThat(codec.decode(codec.encode(profile()))).isEqualTo(profile());
        }
    }

    @Test
    void jsonIsPlainWithDatesAsTextAndNullsLeftOut() {
        String json = new PlainJsonCodec<>(SubscriberProfile.class).toJson(profile());
        assertThat(json)
                .isEqualTo(
                        "{\"subscriberId\":\"sub-1\",\"customerType\":\"INDIVIDUAL\",\"segment\":\"MASS\","
                                + "\"activationDate\":\"2024-01-15\",\"planCode\":\"P58\",\"planMonthlyFeeMinor\":5800,\"updatedAt\":1}");
    }

    @Test
    void jsonDecodingIsStrictAndNamesTheField() {
        PlainJsonCodec<SubscriberProfile> codec = new PlainJsonCodec<>(SubscriberProfile.class);
        assertThatThrownBy(() -> codec.decode(bytes("{\"subscriberId\":\"s\"}")))
                .hasMessage("missing field 'customerType'");
        assertThatThrownBy(
                        () ->
                                codec.decode(
                                        bytes(
                                                "{\"subscriberId\":\"s\",\"customerType\":\"INDIVIDUAL\",\"segment\":\"MASS\",\"activationDate\":\"15/01/2024\","
                                                        + "\"planCode\":\"P\",\"planMonthlyFeeMinor\":1,\"updatedAt\":1}")))
                .hasMessageStartingWith("field 'activationDate' must be a date");
        assertThatThrownBy(
                        () ->
                                codec.decode(
                                        bytes(
                                                "{\"subscriberId\":\"s\",\"customerType\":\"INDIVIDUAL\",\"segment\":\"MASS\",\"activationDate\":\"2024-01-15\","
                                                        + "\"planCode\":\"P\",\"planMonthlyFeeMinor\":\"lots\",\"updatedAt\":1}")))
                .hasMessage("field 'planMonthlyFeeMinor' must be a whole number, got \"lots\"");
        assertThatThrownBy(() -> codec.decode(bytes("[1,2]")))
                .hasMessage("the record must be a JSON object");
        assertThatThrownBy(() -> codec.decode(bytes("{\"subscriberId\":")))
                .hasMessageStartingWith("not valid JSON");
    }

    @Test
    void unknownJsonFieldsAreIgnoredAndReportedByDefaultAndRefusedWhenStrict() throws Exception {
        String json = new PlainJsonCodec<>(Alert.class).toJson(alert());
        String added =
                json.replace("\"priority\":1,", "\"priority\":1,\"colour\":\"red\",")
                        .replace(
                                "\"code\":\"NO_OUTGOING_ACTIVITY\",",
                                "\"code\":\"NO_OUTGOING_ACTIVITY\",\"weight\":2,");
        List<String> reported = new ArrayList<>();
        PlainJsonCodec<Alert> lenient =
                new PlainJsonCodec<>(Alert.class, UnknownJsonFields.IGNORE, reported::add);
        assertThat(lenient.decode(bytes(added))).isEqualTo(alert());
        assertThat(reported).containsExactly("colour", "reasons[0].weight");

        PlainJsonCodec<Alert> strict =
                new PlainJsonCodec<>(Alert.class, UnknownJsonFields.REFUSE, reported::add);
        assertThatThrownBy(() -> strict.decode(bytes(added))).hasMessage("unknown field 'colour'");
        assertThat(
                        WireFormat.AUTO
                                .codec(
                                        Alert.class,
                                        UnknownJsonFields.REFUSE,
                                        name -> {},
                                        null,
                                        null)
                                .decode(bytes(json)))
                .isEqualTo(alert());
        // a known field of the wrong type is an error whatever the policy
        assertThatThrownBy(
                        () ->
                                lenient.decode(
                                        bytes(
                                                added.replace(
                                                        "\"priority\":1",
                                                        "\"priority\":\"high\""))))
                .hasMessage("field 'priority' must be a whole number, got \"high\"");
    }

    @Test
    void avroDecodingRejectsTruncatedAndTrailingBytes() {
        RecordCodec<SubscriberProfile> codec = WireFormat.AVRO.codec(SubscriberProfile.class);
        byte[] good = codec.encode(profile());
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 3);
        byte[] trailing = java.util.Arrays.copyOf(good, good.length + 2);
        assertThatThrownBy(() -> codec.decode(truncated)).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> codec.decode(trailing)).hasMessageContaining("trailing bytes");
        assertThatThrownBy(() -> codec.decode(new byte[0])).hasMessage("empty value");
    }

    /**
     * Plain Avro binary carries no schema: a producer still on Pulse 0.1's schema writes records
     * without the fields added since, which read as their defaults.
     */
    @Test
    void avroRecordsOfTheSchemaAnEarlierReleaseDefinedAreReadWithTheFieldsAddedSinceAsDefaults()
            throws Exception {
        org.apache.avro.Schema released;
        try (java.io.InputStream in =
                getClass()
                        .getResourceAsStream(
                                "/io/pulse/schema/released/SubscriberProfile.pulse-0.1.avsc")) {
            released = new org.apache.avro.Schema.Parser().parse(in);
        }
        assertThat(released.getField("accountId")).isNull();
        org.apache.avro.generic.GenericRecord old =
                new org.apache.avro.generic.GenericData.Record(released);
        SubscriberProfile current =
                SubscriberProfile.newBuilder(profile()).setRegion("north").build();
        for (org.apache.avro.Schema.Field field : released.getFields()) {
            Object value = current.get(field.name());
            old.put(
                    field.name(),
                    value instanceof Enum<?> e
                            ? new org.apache.avro.generic.GenericData.EnumSymbol(
                                    field.schema(), e.name())
                            : value instanceof LocalDate d ? (int) d.toEpochDay() : value);
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        org.apache.avro.io.BinaryEncoder encoder =
                org.apache.avro.io.EncoderFactory.get().binaryEncoder(bytes, null);
        new org.apache.avro.generic.GenericDatumWriter<org.apache.avro.generic.GenericRecord>(
                        released)
                .write(old, encoder);
        encoder.flush();

        SubscriberProfile read =
                WireFormat.AVRO.codec(SubscriberProfile.class).decode(bytes.toByteArray());
        assertThat(read).isEqualTo(current);
        assertThat(read.getAccountId()).isNull();
        assertThat(read.getCellId()).isNull();
    }

    @Test
    void avroDecodingDoesNotTrustALengthPrefix() throws Exception {
        // a string field claiming 512 MiB, followed by three bytes
        byte[] claimsHugeString = {
            (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x04, 1, 2, 3
        };
        RecordCodec<SubscriberProfile> codec = WireFormat.AVRO.codec(SubscriberProfile.class);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean)
                        java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        assertThatThrownBy(() -> codec.decode(claimsHugeString))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("EOFException");
        assertThat(threads.getThreadAllocatedBytes(thread) - before)
                .as("bytes allocated")
                .isLessThan(1 << 20);
    }

    @Test
    void jsonWithADuplicateFieldOrTrailingTextIsRejected() {
        PlainJsonCodec<SubscriberProfile> codec = new PlainJsonCodec<>(SubscriberProfile.class);
        String json = codec.toJson(profile());
        assertThatThrownBy(
                        () ->
                                codec.decode(
                                        bytes(
                                                json.replace(
                                                        "\"planCode\":\"P58\"",
                                                        "\"planCode\":\"P58\",\"planCode\":\"P99\""))))
                .hasMessageStartingWith("not valid JSON: Duplicate field 'planCode'");
        assertThatThrownBy(() -> codec.decode(bytes(json + " garbage")))
                .hasMessageStartingWith("not valid JSON");
        assertThatThrownBy(() -> codec.decode(bytes(json + json)))
                .hasMessageStartingWith("not valid JSON: Trailing token");
    }

    @Test
    void jsonErrorsQuoteAShortPrefixOfAHugeValue() throws Exception {
        PlainJsonCodec<SubscriberProfile> codec = new PlainJsonCodec<>(SubscriberProfile.class);
        String huge = "x".repeat(100_000);
        String json = codec.toJson(profile());
        // Jackson itself refuses names over 50,000 characters
        String hugeName = json.replace("{", "{\"" + huge.substring(0, 10_000) + "\":1,");
        PlainJsonCodec<SubscriberProfile> strict =
                new PlainJsonCodec<>(SubscriberProfile.class, UnknownJsonFields.REFUSE, name -> {});
        for (String bad :
                List.of(
                        json.replace("\"MASS\"", "\"" + huge + "\""),
                        json.replace("5800", "\"" + huge + "\""),
                        hugeName)) {
            assertThatThrownBy(() -> strict.decode(bytes(bad)))
                    .satisfies(
                            e ->
                                    assertThat(e.getMessage())
                                            .hasSizeLessThan(200)
                                            .contains("characters)"));
        }
        List<String> reported = new ArrayList<>();
        new PlainJsonCodec<>(SubscriberProfile.class, UnknownJsonFields.IGNORE, reported::add)
                .decode(bytes(hugeName));
        assertThat(reported)
                .singleElement()
                .satisfies(name -> assertThat(name).hasSizeLessThan(200).contains("characters)"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
