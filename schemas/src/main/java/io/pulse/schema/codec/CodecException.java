package io.pulse.schema.codec;

/** Bytes that do not decode to a valid record; the message says what is wrong. */
public final class CodecException extends Exception {
    private static final long serialVersionUID = 1L;

    public CodecException(String message) {
        super(message);
    }
}
