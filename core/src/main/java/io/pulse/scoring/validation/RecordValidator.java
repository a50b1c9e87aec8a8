package io.pulse.scoring.validation;

import java.io.Serializable;

/** Checks a decoded record before it may change any score. */
@FunctionalInterface
public interface RecordValidator<T> extends Serializable {

    /** What is wrong with the record, naming the field; null when it is valid. */
    String problem(T record, long now);
}
