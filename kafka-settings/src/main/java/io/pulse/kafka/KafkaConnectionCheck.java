package io.pulse.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The check a Kafka client of Pulse runs before it starts: that the cluster answers, accepts this
 * client's credentials and certificate, and lets it see the topics it needs. Without it, a wrong
 * password or an untrusted certificate would surface deep inside a Flink task, which the restart
 * strategy then retries for ever; with it, the start fails once, saying which.
 */
public final class KafkaConnectionCheck {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private KafkaConnectionCheck() {}

    /**
     * @throws KafkaSetupException saying what is wrong: no answer, credentials refused, a
     *     certificate not trusted (by either side), a topic missing or not visible to this
     *     principal
     */
    public static void check(
            KafkaClientSettings settings, Collection<String> topics, Duration timeout) {
        Properties properties = settings.clientProperties();
        int timeoutMs = Math.toIntExact(timeout.toMillis());
        properties.put(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(timeoutMs));
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(timeoutMs));
        try (Admin admin = Admin.create(properties)) {
            admin.describeTopics(List.copyOf(topics))
                    .allTopicNames()
                    .get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw explain(settings, topics, e.getCause(), timeout);
        } catch (TimeoutException e) {
            throw noAnswer(settings, timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaSetupException(
                    "interrupted while connecting to Kafka at " + settings.bootstrapServers(), e);
        } catch (org.apache.kafka.common.KafkaException e) {
            // creating the client failed: an unreadable key store, an unresolvable secret reference
            throw new KafkaSetupException(
                    "cannot create a Kafka client for "
                            + settings.bootstrapServers()
                            + ": "
                            + messages(e),
                    e);
        }
    }

    private static KafkaSetupException explain(
            KafkaClientSettings settings,
            Collection<String> topics,
            Throwable cause,
            Duration timeout) {
        String where =
                "Kafka at "
                        + settings.bootstrapServers()
                        + " ("
                        + settings.securityProtocol()
                        + ")";
        if (cause instanceof SaslAuthenticationException) {
            return new KafkaSetupException(
                    where
                            + " refused this client's credentials: "
                            + cause.getMessage()
                            + ". Check the user name and the password that sasl.jaas.config refers to.",
                    cause);
        }
        if (cause instanceof SslAuthenticationException) {
            return new KafkaSetupException(
                    where + ": the TLS handshake failed: " + tlsReason(cause), cause);
        }
        if (cause instanceof AuthorizationException) {
            return new KafkaSetupException(
                    where
                            + " does not let this client's principal see the topics "
                            + topics
                            + " ("
                            + cause.getMessage()
                            + "). Grant the job's ACLs: bin/pulse-acls.",
                    cause);
        }
        if (cause instanceof UnknownTopicOrPartitionException) {
            return new KafkaSetupException(
                    where
                            + ": a topic of "
                            + topics
                            + " does not exist ("
                            + cause.getMessage()
                            + ").",
                    cause);
        }
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return noAnswer(settings, timeout, cause);
        }
        return new KafkaSetupException(where + ": " + messages(cause), cause);
    }

    /** Which side did not trust the other, when the handshake's own messages tell. */
    private static String tlsReason(Throwable cause) {
        String detail = messages(cause);
        if (detail.contains("PKIX path")
                || detail.contains("unable to find valid certification path")) {
            return "the broker's certificate is not trusted by this client's trust store (ssl.truststore.*): "
                    + detail;
        }
        if (detail.contains("bad_certificate")
                || detail.contains("certificate_unknown")
                || detail.contains("certificate_required")
                || detail.contains("unknown_ca")) {
            return "the broker did not accept this client's certificate (ssl.keystore.*; mutual TLS): "
                    + detail;
        }
        return detail;
    }

    private static KafkaSetupException noAnswer(
            KafkaClientSettings settings, Duration timeout, Throwable cause) {
        return new KafkaSetupException(
                "no answer from Kafka at "
                        + settings.bootstrapServers()
                        + " within "
                        + timeout.toSeconds()
                        + " s, with security.protocol "
                        + settings.securityProtocol()
                        + ": a wrong address or port, a listener of another security protocol, or a firewall.",
                cause);
    }

    /** The messages of an exception and its causes, which Kafka spreads over several levels. */
    private static String messages(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && text.indexOf(t.getMessage()) < 0) {
                if (text.length() > 0) {
                    text.append(": ");
                }
                text.append(t.getMessage());
            }
        }
        return text.length() > 0 ? text.toString() : error.getClass().getSimpleName();
    }

    /** Kafka is not set up for this client; the message says what to fix. */
    public static final class KafkaSetupException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KafkaSetupException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
