package io.pulse.local.security;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.security.auth.x500.X500Principal;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;

/**
 * The TLS material of a secured test broker, made at run time into a directory: a self-signed CA,
 * the broker's key store (a certificate for {@code localhost} and {@code 127.0.0.1} signed by that
 * CA), a trust store holding the CA, and a client key store signed by the CA for mutual TLS
 * ({@value #CLIENT_DN}). For the "untrusted" cases a second, unrelated CA comes with its own trust
 * store and its own client key store ({@value #UNTRUSTED_CLIENT_DN}).
 *
 * <p>All stores are PKCS12, each with its own random password (the key password, where there is a
 * key, is the store password). Keys are EC P-256: made in milliseconds, unlike RSA.
 */
public final class TestCertificates {
    /**
     * The type of every store here, for {@code ssl.keystore.type} and {@code ssl.truststore.type}.
     */
    public static final String STORE_TYPE = "PKCS12";

    /** The distinguished name of the trusted client certificate. */
    public static final String CLIENT_DN = "CN=pulse-scoring,OU=Pulse,O=Pulse Test";

    /** The distinguished name of the client certificate signed by the other, untrusted CA. */
    public static final String UNTRUSTED_CLIENT_DN = "CN=pulse-intruder,OU=Pulse,O=Untrusted Test";

    private static final String KEY_ALIAS = "key";
    private static final String CA_ALIAS = "ca";
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final Duration VALIDITY = Duration.ofDays(2);
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A key store or trust store on disk, as Kafka's {@code ssl.*.location}, {@code ssl.*.password}
     * take it.
     */
    public record Store(Path location, String password) {
        public String type() {
            return STORE_TYPE;
        }

        /** Overridden so that a test failure message never prints the password. */
        @Override
        public String toString() {
            return "Store[" + location + "]";
        }
    }

    private final Path directory;
    private final Store brokerKeyStore;
    private final Store trustStore;
    private final Store clientKeyStore;
    private final Store untrustedTrustStore;
    private final Store untrustedClientKeyStore;

    private TestCertificates(
            Path directory,
            Store brokerKeyStore,
            Store trustStore,
            Store clientKeyStore,
            Store untrustedTrustStore,
            Store untrustedClientKeyStore) {
        this.directory = directory;
        this.brokerKeyStore = brokerKeyStore;
        this.trustStore = trustStore;
        this.clientKeyStore = clientKeyStore;
        this.untrustedTrustStore = untrustedTrustStore;
        this.untrustedClientKeyStore = untrustedClientKeyStore;
    }

    /** Makes all the stores in {@code directory} (which must exist). */
    public static TestCertificates create(Path directory) throws Exception {
        Authority ca = Authority.create("CN=Pulse Test CA,O=Pulse Test");
        Authority otherCa = Authority.create("CN=Untrusted Test CA,O=Untrusted Test");
        return new TestCertificates(
                directory,
                ca.keyStore(
                        directory.resolve("broker.keystore.p12"),
                        "CN=localhost,O=Pulse Test",
                        true),
                ca.trustStore(directory.resolve("truststore.p12")),
                ca.keyStore(directory.resolve("client.keystore.p12"), CLIENT_DN, false),
                otherCa.trustStore(directory.resolve("untrusted.truststore.p12")),
                otherCa.keyStore(
                        directory.resolve("untrusted-client.keystore.p12"),
                        UNTRUSTED_CLIENT_DN,
                        false));
    }

    /** Where the stores are. */
    public Path directory() {
        return directory;
    }

    /**
     * The broker's key and certificate (SAN {@code localhost}, {@code 127.0.0.1}) with the CA's
     * certificate.
     */
    public Store brokerKeyStore() {
        return brokerKeyStore;
    }

    /**
     * The CA's certificate: trusted by clients (the broker's certificate) and by the broker (client
     * certificates).
     */
    public Store trustStore() {
        return trustStore;
    }

    /** The client's key and certificate ({@link #CLIENT_DN}) signed by the CA, for mutual TLS. */
    public Store clientKeyStore() {
        return clientKeyStore;
    }

    /** Only the other CA's certificate: a client with it does not trust the broker. */
    public Store untrustedTrustStore() {
        return untrustedTrustStore;
    }

    /**
     * A client key and certificate ({@link #UNTRUSTED_CLIENT_DN}) signed by the other CA: the
     * broker refuses it.
     */
    public Store untrustedClientKeyStore() {
        return untrustedClientKeyStore;
    }

    /** A fresh random password (hex, so it needs no quoting in JAAS or properties). */
    public static String randomPassword() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A certificate authority: a key pair and its self-signed certificate. */
    private record Authority(KeyPair keys, X509Certificate certificate) {
        static Authority create(String dn) throws Exception {
            KeyPair keys = newKeyPair();
            X500Name name = name(dn);
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder =
                    builder(name, name, keys)
                            .addExtension(
                                    Extension.basicConstraints, true, new BasicConstraints(true))
                            .addExtension(
                                    Extension.keyUsage,
                                    true,
                                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                            .addExtension(
                                    Extension.subjectKeyIdentifier,
                                    false,
                                    extensions.createSubjectKeyIdentifier(keys.getPublic()));
            return new Authority(keys, sign(builder, keys));
        }

        /**
         * A key store with a new key whose certificate this authority signs; {@code server}: SAN
         * localhost, 127.0.0.1.
         */
        Store keyStore(Path location, String dn, boolean server) throws Exception {
            KeyPair leafKeys = newKeyPair();
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder =
                    builder(
                                    X500Name.getInstance(
                                            certificate.getSubjectX500Principal().getEncoded()),
                                    name(dn),
                                    leafKeys)
                            .addExtension(
                                    Extension.basicConstraints, true, new BasicConstraints(false))
                            .addExtension(
                                    Extension.keyUsage,
                                    true,
                                    new KeyUsage(KeyUsage.digitalSignature))
                            .addExtension(
                                    Extension.extendedKeyUsage,
                                    false,
                                    new ExtendedKeyUsage(
                                            new KeyPurposeId[] {
                                                KeyPurposeId.id_kp_serverAuth,
                                                KeyPurposeId.id_kp_clientAuth
                                            }))
                            .addExtension(
                                    Extension.subjectKeyIdentifier,
                                    false,
                                    extensions.createSubjectKeyIdentifier(leafKeys.getPublic()))
                            .addExtension(
                                    Extension.authorityKeyIdentifier,
                                    false,
                                    extensions.createAuthorityKeyIdentifier(certificate));
            if (server) {
                builder.addExtension(
                        Extension.subjectAlternativeName,
                        false,
                        new GeneralNames(
                                new GeneralName[] {
                                    new GeneralName(GeneralName.dNSName, "localhost"),
                                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                                }));
            }
            X509Certificate leaf = sign(builder, keys);
            Store store = new Store(location, randomPassword());
            KeyStore keyStore = emptyStore();
            keyStore.setKeyEntry(
                    KEY_ALIAS,
                    leafKeys.getPrivate(),
                    store.password().toCharArray(),
                    new Certificate[] {leaf, certificate});
            write(keyStore, store);
            return store;
        }

        Store trustStore(Path location) throws Exception {
            Store store = new Store(location, randomPassword());
            KeyStore trustStore = emptyStore();
            trustStore.setCertificateEntry(CA_ALIAS, certificate);
            write(trustStore, store);
            return store;
        }

        /**
         * Parsed by the JDK, not BouncyCastle, so that the certificate's subject reads back (as
         * Kafka reads it, {@code X500Principal#getName()}) exactly as written here: BouncyCastle's
         * parser keeps the written order in the encoding, which RFC 2253 then prints reversed
         * (O=..,CN=..).
         */
        private static X500Name name(String dn) {
            return X500Name.getInstance(new X500Principal(dn).getEncoded());
        }

        private static X509v3CertificateBuilder builder(
                X500Name issuer, X500Name subject, KeyPair subjectKeys) {
            Instant now = Instant.now();
            return new JcaX509v3CertificateBuilder(
                    issuer,
                    new BigInteger(64, RANDOM).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(VALIDITY)),
                    subject,
                    subjectKeys.getPublic());
        }

        private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKeys)
                throws Exception {
            return new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(
                                    new JcaContentSignerBuilder(SIGNATURE)
                                            .build(issuerKeys.getPrivate())));
        }

        private static KeyPair newKeyPair() throws GeneralSecurityException {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        }

        private static KeyStore emptyStore() throws Exception {
            KeyStore store = KeyStore.getInstance(STORE_TYPE);
            store.load(null, null);
            return store;
        }

        private static void write(KeyStore keyStore, Store store) throws Exception {
            try (OutputStream out = Files.newOutputStream(store.location())) {
                keyStore.store(out, store.password().toCharArray());
            }
        }
    }
}
