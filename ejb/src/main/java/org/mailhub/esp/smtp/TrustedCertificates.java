package org.mailhub.esp.smtp;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A relay's own certificate (PEM), trusted besides the JVM's certificate authorities: for relays on
 * a private network whose certificate no public authority signed. The server's name is checked
 * against the certificate as always.
 */
final class TrustedCertificates {

  /** Socket factories by certificate text; a provider's edits add a few at most. */
  private static final Map<String, SSLSocketFactory> FACTORIES = new ConcurrentHashMap<>();

  private static final int MAX_FACTORIES = 100;

  private TrustedCertificates() {}

  /** What is wrong with the PEM text, if anything, for a 400 on save. */
  static Optional<String> problem(String pem) {
    try {
      parse(pem);
      return Optional.empty();
    } catch (CertificateException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** TLS sockets that trust the JVM's authorities and the certificates of the PEM text. */
  static SSLSocketFactory socketFactory(String pem) {
    if (FACTORIES.size() > MAX_FACTORIES) {
      FACTORIES.clear();
    }
    return FACTORIES.computeIfAbsent(pem, TrustedCertificates::create);
  }

  private static SSLSocketFactory create(String pem) {
    try {
      KeyStore own = KeyStore.getInstance(KeyStore.getDefaultType());
      own.load(null, null);
      List<X509Certificate> certificates = parse(pem);
      for (int i = 0; i < certificates.size(); i++) {
        own.setCertificateEntry("trusted-" + i, certificates.get(i));
      }
      X509TrustManager jvm = trustManager(null);
      X509TrustManager relay = trustManager(own);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new Either(relay, jvm)}, null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("the trusted certificate cannot be used: " + e, e);
    }
  }

  private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager");
  }

  static List<X509Certificate> parse(String pem) throws CertificateException {
    if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
      throw new CertificateException(
          "must be a certificate in PEM form: -----BEGIN CERTIFICATE----- ... -----END"
              + " CERTIFICATE-----");
    }
    Collection<? extends Certificate> read;
    try {
      read =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(
                  new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)));
    } catch (CertificateException e) {
      throw new CertificateException("cannot be read as a PEM certificate: " + e.getMessage(), e);
    }
    List<X509Certificate> certificates = new ArrayList<>();
    read.forEach(c -> certificates.add((X509Certificate) c));
    if (certificates.isEmpty()) {
      throw new CertificateException("holds no certificate");
    }
    return certificates;
  }

  /** Trusts a server that either manager trusts: the relay's certificate first. */
  private record Either(X509TrustManager first, X509TrustManager second)
      implements X509TrustManager {

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      try {
        first.checkServerTrusted(chain, authType);
      } catch (CertificateException notTheRelays) {
        second.checkServerTrusted(chain, authType);
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("mailhub only connects as a client");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return first.getAcceptedIssuers();
    }
  }
}
