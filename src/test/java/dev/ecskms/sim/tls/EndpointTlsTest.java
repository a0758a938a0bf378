package dev.ecskms.sim.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The endpoint's TLS identity: made once in the data dir, reused, owner-only, and made again only when it must. */
class EndpointTlsTest {
    @TempDir
    Path dataDir;

    @Test
    void madeOnceOwnerOnlyAndReusedWithTheSameFingerprint() throws Exception {
        EndpointTls first = EndpointTls.open(dataDir, "127.0.0.1");
        assertTrue(first.caCreated());
        Path tls = dataDir.resolve("tls");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tls)));
        try (Stream<Path> files = Files.list(tls)) {
            assertEquals(Set.of("ca.p12", "ca.crt", "endpoint.p12"),
                    files.map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
        }
        for (String file : new String[] {"ca.p12", "ca.crt", "endpoint.p12"}) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve(file))),
                    file);
        }
        // ca.crt is the CA certificate as PEM, and nothing else (no key).
        String pem = Files.readString(tls.resolve("ca.crt"));
        assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----\n"), pem);
        assertFalse(pem.contains("PRIVATE KEY"));
        X509Certificate fromPem = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(first.caCertificate(), fromPem);
        assertFalse(first.toString().contains("PRIVATE"));

        byte[] caStore = Files.readAllBytes(tls.resolve("ca.p12"));
        byte[] endpointStore = Files.readAllBytes(tls.resolve("endpoint.p12"));
        EndpointTls second = EndpointTls.open(dataDir, "127.0.0.1");
        assertFalse(second.caCreated());
        assertEquals(first.caFingerprint(), second.caFingerprint());
        assertEquals(EndpointTls.fingerprint(first.certificate()), EndpointTls.fingerprint(second.certificate()));
        assertTrue(java.util.Arrays.equals(caStore, Files.readAllBytes(tls.resolve("ca.p12"))));
        assertTrue(java.util.Arrays.equals(endpointStore, Files.readAllBytes(tls.resolve("endpoint.p12"))));
    }

    @Test
    void theServerCertificateNamesLocalhostLoopbacksTheBindAddressAndTheAliyunHostNames() throws Exception {
        EndpointTls tls = EndpointTls.open(dataDir, "192.0.2.7");
        X509Certificate cert = tls.certificate();
        Set<String> names = EndpointTls.subjectAltNames(cert);
        for (String name : new String[] {"DNS:localhost", "IP:127.0.0.1", "IP:0:0:0:0:0:0:0:1", "IP:192.0.2.7",
                "DNS:*.aliyuncs.com", "DNS:*.cn-hangzhou.aliyuncs.com", "DNS:*.eu-central-1.aliyuncs.com"}) {
            assertTrue(names.contains(name), name + " in " + names);
        }
        // Issued by the local CA, for servers only, and valid for long.
        cert.verify(tls.caCertificate().getPublicKey());
        assertEquals(-1, cert.getBasicConstraints());
        assertTrue(cert.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"));
        assertEquals(0, tls.caCertificate().getBasicConstraints());
        assertTrue(tls.caCertificate().getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(3600))));
        assertTrue(cert.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(800))));

        // The key store an HTTPS server gets: the server key with the chain up to the CA.
        KeyStore store = tls.keyStore();
        assertTrue(store.getKey(tls.keyStoreAlias(), tls.keyStorePassword()) instanceof PrivateKey);
        assertEquals(2, store.getCertificateChain(tls.keyStoreAlias()).length);
        assertEquals(tls.caCertificate(), store.getCertificateChain(tls.keyStoreAlias())[1]);
    }

    @Test
    void anotherBindAddressGetsANewServerCertificateFromTheSameCa() throws Exception {
        EndpointTls first = EndpointTls.open(dataDir, "127.0.0.1");
        EndpointTls second = EndpointTls.open(dataDir, "192.0.2.8");
        assertEquals(first.caFingerprint(), second.caFingerprint());
        assertNotEquals(EndpointTls.fingerprint(first.certificate()), EndpointTls.fingerprint(second.certificate()));
        assertTrue(EndpointTls.subjectAltNames(second.certificate()).contains("IP:192.0.2.8"));
        // A host name bind is named as a DNS name.
        EndpointTls third = EndpointTls.open(dataDir, "Sim.Example.Test");
        assertTrue(EndpointTls.subjectAltNames(third.certificate()).contains("DNS:sim.example.test"));
        assertEquals(first.caFingerprint(), third.caFingerprint());
    }

    @Test
    void aDamagedServerCertificateIsIssuedAgainFromTheSameCa() throws Exception {
        EndpointTls first = EndpointTls.open(dataDir, "127.0.0.1");
        Files.write(dataDir.resolve("tls/endpoint.p12"), new byte[] {1, 2, 3});
        EndpointTls second = EndpointTls.open(dataDir, "127.0.0.1");
        assertFalse(second.caCreated());
        assertEquals(first.caFingerprint(), second.caFingerprint());
        second.certificate().verify(second.caCertificate().getPublicKey());
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dataDir.resolve("tls/endpoint.p12"))));
    }

    @Test
    void aDamagedCaIsReplacedByANewOneAndTheServerCertificateWithIt() throws Exception {
        EndpointTls first = EndpointTls.open(dataDir, "127.0.0.1");
        byte[] damaged = Files.readAllBytes(dataDir.resolve("tls/ca.p12"));
        damaged[damaged.length / 2] ^= 0x55;
        Files.write(dataDir.resolve("tls/ca.p12"), damaged);
        EndpointTls second = EndpointTls.open(dataDir, "127.0.0.1");
        assertTrue(second.caCreated());
        assertNotEquals(first.caFingerprint(), second.caFingerprint());
        second.certificate().verify(second.caCertificate().getPublicKey());
        String pem = Files.readString(dataDir.resolve("tls/ca.crt"));
        assertEquals(EndpointTls.pem(second.caCertificate()), pem);
        assertEquals(second.caFingerprint(), EndpointTls.open(dataDir, "127.0.0.1").caFingerprint());
    }

    @Test
    void aMissingCaIsMadeAgainAndAnEndingServerCertificateIsRenewed() throws Exception {
        EndpointTls first = EndpointTls.open(dataDir, "127.0.0.1");
        // Two years later the server certificate (825 days) is within its renewal window; the CA is not.
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(800)), ZoneOffset.UTC);
        EndpointTls renewed = EndpointTls.open(dataDir, "127.0.0.1", later);
        assertEquals(first.caFingerprint(), renewed.caFingerprint());
        assertNotEquals(EndpointTls.fingerprint(first.certificate()), EndpointTls.fingerprint(renewed.certificate()));

        Files.delete(dataDir.resolve("tls/ca.p12"));
        EndpointTls remade = EndpointTls.open(dataDir, "127.0.0.1");
        assertTrue(remade.caCreated());
        assertNotEquals(first.caFingerprint(), remade.caFingerprint());
        remade.certificate().verify(remade.caCertificate().getPublicKey());
    }
}
