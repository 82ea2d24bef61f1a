package io.github.flinkpack.testing.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away certificate authority and a server certificate for {@code localhost} / {@code
 * 127.0.0.1}, generated with the {@code openssl} command line, plus a PKCS12 truststore holding the
 * CA for Java clients.
 */
public final class TlsMaterial {

    private final Path dir;
    private final String truststorePassword;

    private TlsMaterial(Path dir, String truststorePassword) {
        this.dir = dir;
        this.truststorePassword = truststorePassword;
    }

    public static TlsMaterial generate(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(
                    dir.resolve("server.ext"),
                    "subjectAltName=DNS:localhost,IP:127.0.0.1\n",
                    StandardCharsets.UTF_8);
            openssl(
                    dir,
                    "req",
                    "-x509",
                    "-newkey",
                    "rsa:2048",
                    "-nodes",
                    "-days",
                    "2",
                    "-subj",
                    "/CN=flinkpack-test-ca",
                    "-keyout",
                    "ca.key",
                    "-out",
                    "ca.crt");
            openssl(
                    dir,
                    "req",
                    "-newkey",
                    "rsa:2048",
                    "-nodes",
                    "-subj",
                    "/CN=localhost",
                    "-keyout",
                    "server.key",
                    "-out",
                    "server.csr");
            openssl(
                    dir,
                    "x509",
                    "-req",
                    "-in",
                    "server.csr",
                    "-CA",
                    "ca.crt",
                    "-CAkey",
                    "ca.key",
                    "-CAcreateserial",
                    "-days",
                    "2",
                    "-extfile",
                    "server.ext",
                    "-out",
                    "server.crt");
            TlsMaterial material = new TlsMaterial(dir, "trust-" + System.nanoTime());
            material.writeTruststore();
            return material;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path caCertificate() {
        return dir.resolve("ca.crt");
    }

    public Path serverCertificate() {
        return dir.resolve("server.crt");
    }

    public Path serverKey() {
        return dir.resolve("server.key");
    }

    /** PKCS12 truststore with the CA certificate. */
    public Path truststore() {
        return dir.resolve("truststore.p12");
    }

    public String truststorePassword() {
        return truststorePassword;
    }

    public SSLSocketFactory socketFactory() {
        try (InputStream in = Files.newInputStream(truststore())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, truststorePassword.toCharArray());
            TrustManagerFactory trust =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load test truststore " + truststore(), e);
        }
    }

    private void writeTruststore() throws IOException {
        try (InputStream ca = Files.newInputStream(caCertificate());
                OutputStream out = Files.newOutputStream(truststore())) {
            Certificate certificate =
                    CertificateFactory.getInstance("X.509").generateCertificate(ca);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("flinkpack-test-ca", certificate);
            store.store(out, truststorePassword.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot write test truststore", e);
        }
    }

    private static void openssl(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(Arrays.asList(args));
        Process process =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .start();
        try {
            String output =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(
                        "openssl "
                                + String.join(" ", args)
                                + " failed:\n"
                                + output
                                + "\nInstall it with 'apt-get install -y openssl'.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
