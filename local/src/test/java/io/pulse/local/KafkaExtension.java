package io.pulse.local;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded broker for all tests of a class: {@code @RegisterExtension static final
 * KafkaExtension KAFKA = new KafkaExtension();}
 */
final class KafkaExtension implements BeforeAllCallback, AfterAllCallback {
    private EmbeddedKafka kafka;
    private PulseTestKit kit;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        kafka = EmbeddedKafka.start();
        kit = new PulseTestKit(kafka.bootstrapServers());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    EmbeddedKafka kafka() {
        return kafka;
    }

    PulseTestKit kit() {
        return kit;
    }
}
