package dev.ecskms.sim.tls;

import dev.ecskms.sim.ecs.Catalog;
import dev.ecskms.sim.ecs.Region;
import dev.ecskms.sim.store.DataDir;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
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
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoint's TLS identity, kept in the data dir's {@code tls/} folder (0700, files 0600):
 *
 * <pre>
 * tls/ca.p12        a small local CA (EC P-256, 10 years), made once: the key signs server certificates
 * tls/ca.crt        the CA's certificate as PEM: the one thing a client trusts
 * tls/endpoint.p12  the server certificate the endpoint presents, with its key and the chain up to the CA
 * </pre>
 *
 * <p>Clients trust the CA, not the server certificate, so the server certificate can be issued again whenever it
 * must change (a new {@code --bind} address, a region added to the catalog, its 825 days running out, a damaged
 * file) without anyone trusting anything new: the CA's fingerprint stays the same for its ten years. The server
 * certificate names {@code localhost}, {@code 127.0.0.1}, {@code ::1}, the bind address (every address of this host
 * for a wildcard bind), {@code *.aliyuncs.com} and {@code *.<region>.aliyuncs.com} for each region of the catalog, so
 * that a host name the SDKs use ({@code kms.cn-hangzhou.aliyuncs.com}) can be mapped to the endpoint in
 * {@code /etc/hosts}.
 *
 * <p>A CA file that cannot be read (damaged, wrong format, key not matching) is replaced by a new CA with a warning
 * naming the file and the reason: nothing the simulator keeps is protected by it, and the only cost is that clients
 * must trust the new {@code ca.crt}. The key stores' password is a fixed string: like {@code hsm/master.key}, the
 * keys are protected by the owner-only permissions of the data dir, not by a secret the program would have to keep
 * somewhere else. The private keys are never printed or logged.
 */
public final class EndpointTls {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointTls.class);
    public static final String DIR = "tls";
    static final String CA_STORE = "ca.p12";
    static final String CA_PEM = "ca.crt";
    static final String ENDPOINT_STORE = "endpoint.p12";
    static final String CA_ALIAS = "ca";
    static final String ENDPOINT_ALIAS = "endpoint";
    private static final char[] STORE_PASSWORD = "ecs-kms-console".toCharArray();
    static final Duration CA_VALIDITY = Duration.ofDays(3653);
    /** Apple's limit for TLS server certificates, whoever issued them. */
    static final Duration ENDPOINT_VALIDITY = Duration.ofDays(825);
    /** A certificate this close to its end is issued again (the CA with a warning, as clients must trust it). */
    static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Path dir;
    private final X509Certificate ca;
    private final PrivateKey endpointKey;
    private final X509Certificate endpoint;
    private final boolean caCreated;

    private EndpointTls(Path dir, X509Certificate ca, PrivateKey endpointKey, X509Certificate endpoint,
            boolean caCreated) {
        this.dir = dir;
        this.ca = ca;
        this.endpointKey = endpointKey;
        this.endpoint = endpoint;
        this.caCreated = caCreated;
    }

    /**
     * Loads the TLS identity from {@code dataDir/tls}, making what is missing or unusable. Call it while holding
     * the data dir (after {@code Simulator.open}).
     *
     * @param bindAddress the address the endpoint listens on; the server certificate names it
     */
    public static EndpointTls open(Path dataDir, String bindAddress) {
        return open(dataDir, bindAddress, Clock.systemUTC());
    }

    static EndpointTls open(Path dataDir, String bindAddress, Clock clock) {
        Path dir = dataDir.resolve(DIR);
        try {
            Files.createDirectories(dir);
            DataDir.restrictToOwner(dir);
            Instant now = clock.instant();
            KeyStore.PrivateKeyEntry caEntry = readCa(dir, now);
            boolean caCreated = caEntry == null;
            if (caCreated) {
                caEntry = createCa(now);
                write(dir.resolve(CA_STORE), store(CA_ALIAS, caEntry));
            }
            X509Certificate caCert = (X509Certificate) caEntry.getCertificate();
            writeText(dir.resolve(CA_PEM), pem(caCert));
            Set<String> names = subjectAltNames(bindAddress);
            KeyStore.PrivateKeyEntry endpointEntry = readEndpoint(dir, caCert, names, now);
            if (endpointEntry == null) {
                endpointEntry = issueEndpoint(caEntry, names, now);
                write(dir.resolve(ENDPOINT_STORE), store(ENDPOINT_ALIAS, endpointEntry));
            }
            if (caCreated) {
                LOG.info("Made a local CA for the endpoint's TLS certificate: {} (SHA-256 {})", dir.resolve(CA_PEM),
                        fingerprint(caCert));
            }
            return new EndpointTls(dir, caCert, endpointEntry.getPrivateKey(),
                    (X509Certificate) endpointEntry.getCertificate(), caCreated);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the TLS certificate in " + dir + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot make the TLS certificate in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The CA from its file, or null (with the reason logged) when there is none or it cannot serve. */
    private static KeyStore.PrivateKeyEntry readCa(Path dir, Instant now) {
        Path file = dir.resolve(CA_STORE);
        if (!Files.exists(file)) {
            return null;
        }
        String problem;
        try {
            KeyStore.PrivateKeyEntry entry = readEntry(file, CA_ALIAS);
            X509Certificate cert = (X509Certificate) entry.getCertificate();
            if (cert.getBasicConstraints() < 0) {
                problem = "its certificate is not a CA";
            } else if (!matches(entry.getPrivateKey(), cert)) {
                problem = "its key does not belong to its certificate";
            } else if (!cert.getNotAfter().toInstant().isAfter(now.plus(RENEW_BEFORE))) {
                problem = "its certificate ends on " + cert.getNotAfter().toInstant();
            } else {
                return entry;
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            problem = "unreadable: " + describe(e);
        }
        LOG.warn("The TLS CA {} cannot be used ({}); making a new one. Clients must trust the new {}.", file, problem,
                dir.resolve(CA_PEM));
        return null;
    }

    /** The server certificate from its file, or null when it must be issued (again). */
    private static KeyStore.PrivateKeyEntry readEndpoint(Path dir, X509Certificate ca, Set<String> names,
            Instant now) {
        Path file = dir.resolve(ENDPOINT_STORE);
        if (!Files.exists(file)) {
            return null;
        }
        try {
            KeyStore.PrivateKeyEntry entry = readEntry(file, ENDPOINT_ALIAS);
            X509Certificate cert = (X509Certificate) entry.getCertificate();
            Certificate[] chain = entry.getCertificateChain();
            if (chain.length != 2 || !chain[1].equals(ca)) {
                LOG.info("Issuing the endpoint's TLS certificate again: {} was issued by another CA", file);
                return null;
            }
            cert.verify(ca.getPublicKey());
            if (!matches(entry.getPrivateKey(), cert)) {
                LOG.warn("Issuing the endpoint's TLS certificate again: the key in {} does not belong to it", file);
                return null;
            }
            if (!cert.getNotAfter().toInstant().isAfter(now.plus(RENEW_BEFORE))) {
                LOG.info("Issuing the endpoint's TLS certificate again: it ends on {}", cert.getNotAfter().toInstant());
                return null;
            }
            Set<String> missing = new LinkedHashSet<>(names);
            missing.removeAll(subjectAltNames(cert));
            if (!missing.isEmpty()) {
                LOG.info("Issuing the endpoint's TLS certificate again, to name {}", missing);
                return null;
            }
            return entry;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            LOG.warn("Issuing the endpoint's TLS certificate again: {} is unreadable ({})", file, describe(e));
            return null;
        }
    }

    private static KeyStore.PrivateKeyEntry readEntry(Path file, String alias)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, STORE_PASSWORD);
        }
        KeyStore.Entry entry = store.getEntry(alias, new KeyStore.PasswordProtection(STORE_PASSWORD));
        if (!(entry instanceof KeyStore.PrivateKeyEntry key) || !(key.getCertificate() instanceof X509Certificate)) {
            throw new GeneralSecurityException("no key with a certificate under the alias " + alias);
        }
        return key;
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": "
                + e.getMessage();
    }

    /** Whether the private key belongs to the certificate: a signature made with it verifies. */
    private static boolean matches(PrivateKey key, X509Certificate cert) throws GeneralSecurityException {
        byte[] probe = "ecs-kms-console key check".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(SIGNATURE);
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(SIGNATURE);
        verifier.initVerify(cert.getPublicKey());
        verifier.update(probe);
        return verifier.verify(signature);
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(127, new SecureRandom()).add(BigInteger.ONE);
    }

    private static KeyStore.PrivateKeyEntry createCa(Instant now)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        KeyPair keys = newKeyPair();
        String id = HexFormat.of().formatHex(serial().toByteArray(), 0, 4);
        X500Name name = new X500Name("CN=ECS KMS console local CA " + id + ",O=ecs-kms-console");
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(CA_VALIDITY)), name, keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        utils.createSubjectKeyIdentifier(keys.getPublic()));
        X509Certificate cert = sign(builder, keys.getPrivate());
        return new KeyStore.PrivateKeyEntry(keys.getPrivate(), new Certificate[] {cert});
    }

    private static KeyStore.PrivateKeyEntry issueEndpoint(KeyStore.PrivateKeyEntry caEntry, Set<String> names,
            Instant now) throws GeneralSecurityException, OperatorCreationException, IOException {
        X509Certificate ca = (X509Certificate) caEntry.getCertificate();
        KeyPair keys = newKeyPair();
        List<GeneralName> altNames = new ArrayList<>();
        for (String entry : names) {
            altNames.add(entry.startsWith("IP:")
                    ? new GeneralName(GeneralName.iPAddress, entry.substring(3))
                    : new GeneralName(GeneralName.dNSName, entry.substring(4)));
        }
        Instant notAfter = now.plus(ENDPOINT_VALIDITY);
        if (notAfter.isAfter(ca.getNotAfter().toInstant())) {
            notAfter = ca.getNotAfter().toInstant();
        }
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca, serial(),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(notAfter),
                new X500Name("CN=localhost,O=ecs-kms-console"), keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(altNames.toArray(GeneralName[]::new)))
                .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()))
                .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(ca));
        X509Certificate cert = sign(builder, caEntry.getPrivateKey());
        return new KeyStore.PrivateKeyEntry(keys.getPrivate(), new Certificate[] {cert, ca});
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(SIGNATURE).build(key)));
    }

    /**
     * The names the server certificate must carry for this bind address, as {@code DNS:name} and {@code IP:address}
     * (addresses in Java's canonical text form).
     */
    static Set<String> subjectAltNames(String bindAddress) {
        Set<String> names = new LinkedHashSet<>();
        names.add("DNS:localhost");
        names.add(ip("127.0.0.1"));
        names.add(ip("::1"));
        names.add("DNS:*.aliyuncs.com");
        for (Region region : Catalog.regions()) {
            names.add("DNS:*." + region.regionId() + ".aliyuncs.com");
        }
        String bind = bindAddress == null ? "" : bindAddress.strip().toLowerCase(Locale.ROOT);
        if (bind.startsWith("[") && bind.endsWith("]")) {
            bind = bind.substring(1, bind.length() - 1);
        }
        if (bind.isEmpty() || bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("0:0:0:0:0:0:0:0")) {
            names.addAll(hostAddresses()); // a wildcard bind is reached by any of this host's addresses
        } else if (isIpLiteral(bind)) {
            names.add(ip(bind));
        } else {
            names.add("DNS:" + bind);
        }
        return names;
    }

    /** The non-loopback, non-link-local addresses of this host's interfaces that are up. */
    private static List<String> hostAddresses() {
        List<String> out = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (!address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                        out.add("IP:" + canonical(address));
                    }
                }
            }
        } catch (SocketException e) {
            LOG.warn("Cannot list this host's addresses for the TLS certificate: {}", e.getMessage());
        }
        Collections.sort(out);
        return out;
    }

    private static boolean isIpLiteral(String host) {
        return IPV4.matcher(host).matches() || host.contains(":");
    }

    private static String ip(String literal) {
        try {
            return "IP:" + canonical(InetAddress.getByName(literal)); // a literal is parsed, never looked up
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Not an IP address: " + literal, e);
        }
    }

    private static String canonical(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            try {
                return InetAddress.getByAddress(v6.getAddress()).getHostAddress(); // without a %scope
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return address.getHostAddress();
    }

    /** A certificate's subject alternative names in the form of {@link #subjectAltNames(String)}. */
    static Set<String> subjectAltNames(X509Certificate cert) throws CertificateParsingException {
        Set<String> names = new LinkedHashSet<>();
        Collection<List<?>> entries = cert.getSubjectAlternativeNames();
        if (entries == null) {
            return names;
        }
        for (List<?> entry : entries) {
            int type = (Integer) entry.get(0);
            String value = String.valueOf(entry.get(1));
            if (type == GeneralName.dNSName) {
                names.add("DNS:" + value.toLowerCase(Locale.ROOT));
            } else if (type == GeneralName.iPAddress) {
                names.add(ip(value));
            }
        }
        return names;
    }

    private static KeyStore store(String alias, KeyStore.PrivateKeyEntry entry)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setEntry(alias, entry, new KeyStore.PasswordProtection(STORE_PASSWORD));
        return store;
    }

    /** Writes owner-only beside the target, then moves it into place: a crash leaves the old file or the new one. */
    private static void write(Path file, KeyStore store) throws IOException, GeneralSecurityException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        store.store(bytes, STORE_PASSWORD);
        writeBytes(file, bytes.toByteArray());
    }

    private static void writeText(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        if (Files.exists(file) && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
            DataDir.restrictToOwner(file);
            return;
        }
        writeBytes(file, bytes);
    }

    private static void writeBytes(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp);
        DataDir.restrictToOwner(tmp);
        try (OutputStream out = Files.newOutputStream(tmp)) {
            out.write(bytes);
        }
        try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String pem(X509Certificate cert) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(cert.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 of the DER certificate, as colon-separated upper-case hex (as keytool and openssl print it). */
    public static String fingerprint(X509Certificate cert) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A fresh PKCS#12 key store holding the server's key under {@link #keyStoreAlias()} with its chain (server
     * certificate, CA), protected by {@link #keyStorePassword()}: what an HTTPS server is configured with.
     */
    public KeyStore keyStore() {
        try {
            return store(ENDPOINT_ALIAS, new KeyStore.PrivateKeyEntry(endpointKey, new Certificate[] {endpoint, ca}));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot build the endpoint's key store: " + e.getMessage(), e);
        }
    }

    public char[] keyStorePassword() {
        return STORE_PASSWORD.clone();
    }

    public String keyStoreAlias() {
        return ENDPOINT_ALIAS;
    }

    /** The local CA's certificate: what clients trust. */
    public X509Certificate caCertificate() {
        return ca;
    }

    /** The PEM file of the CA certificate, {@code tls/ca.crt}. */
    public Path caCertificateFile() {
        return dir.resolve(CA_PEM);
    }

    /** SHA-256 fingerprint of the CA certificate; it stays the same across starts. */
    public String caFingerprint() {
        return fingerprint(ca);
    }

    /** The server certificate the endpoint presents. */
    public X509Certificate certificate() {
        return endpoint;
    }

    /** Whether this start made the CA (the first start with TLS, or the old one could not be used). */
    public boolean caCreated() {
        return caCreated;
    }

    @Override
    public String toString() {
        return "EndpointTls[" + caCertificateFile() + ", CA SHA-256 " + caFingerprint() + "]"; // never the keys
    }
}
