package io.pulse.schema.codec;

import java.util.Locale;

/**
 * What a JSON decoder does with a field the schema does not have. Producers on a shared topic add
 * fields (an additive change is normal), so by default such a field is ignored and reported; a
 * strict reader refuses the record instead. A known field of the wrong type is an error either way.
 */
public enum UnknownJsonFields {
    /** Decode the record without the field, and report its name. */
    IGNORE,
    /** The record is unreadable: {@code unknown field 'name'}. */
    REFUSE;

    public static UnknownJsonFields parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown policy '"
                            + name
                            + "' for unknown JSON fields, expected ignore or refuse");
        }
    }
}
