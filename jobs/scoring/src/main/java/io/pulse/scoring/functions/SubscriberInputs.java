package io.pulse.scoring.functions;

import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.types.Either;

/**
 * Events and profiles as the one keyed input of the scoring operator (its other input is the
 * broadcast control topic): an event on the left, a profile on the right, keyed by subscriber.
 */
public final class SubscriberInputs {
    public static final TypeInformation<Either<SubscriberEvent, SubscriberProfile>> TYPE =
            new EitherTypeInfo<>(
                    TypeInformation.of(SubscriberEvent.class),
                    TypeInformation.of(SubscriberProfile.class));

    private SubscriberInputs() {}

    public static Either<SubscriberEvent, SubscriberProfile> event(SubscriberEvent event) {
        return Either.Left(event);
    }

    public static Either<SubscriberEvent, SubscriberProfile> profile(SubscriberProfile profile) {
        return Either.Right(profile);
    }

    public static String subscriberId(Either<SubscriberEvent, SubscriberProfile> input) {
        return input.isLeft() ? input.left().getSubscriberId() : input.right().getSubscriberId();
    }
}
