package io.pulse.scoring.model;

/** A model file that is missing, unreadable or inconsistent: the job must not start with it. */
public final class ModelFileException extends RuntimeException {
    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
