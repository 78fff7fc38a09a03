package io.pipewatch.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * A v3 certificate written out in DER by hand: the JDK has no public API to create one, and a hand-written
 * encoder spares a BouncyCastle dependency or a keytool process. Name and DNS subjectAltName are both set,
 * as on SNS's own certificates.
 */
final class SelfSignedCertificate {

    static X509Certificate create(KeyPair keys, String commonName, Instant notBefore, Instant notAfter)
            throws GeneralSecurityException {
        byte[] sha256WithRsa = der(0x30, oid("1.2.840.113549.1.1.11"), new byte[] {0x05, 0x00});
        byte[] name = der(0x30, der(0x31, der(0x30, oid("2.5.4.3"), der(0x0c, utf8(commonName)))));
        byte[] subjectAltName = der(0x30, oid("2.5.29.17"), der(0x04, der(0x30, der(0x82, utf8(commonName)))));
        byte[] tbs = der(0x30,
                der(0xa0, der(0x02, new byte[] {2})), // v3, so extensions are allowed
                der(0x02, new BigInteger(63, new SecureRandom()).add(BigInteger.ONE).toByteArray()),
                sha256WithRsa,
                name,
                der(0x30, time(notBefore), time(notAfter)),
                name,
                keys.getPublic().getEncoded(), // already a DER SubjectPublicKeyInfo
                der(0xa3, der(0x30, subjectAltName)));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(keys.getPrivate());
        rsa.update(tbs);
        byte[] signature = rsa.sign();
        byte[] bits = new byte[signature.length + 1]; // leading 0: no unused bits
        System.arraycopy(signature, 0, bits, 1, signature.length);
        byte[] encoded = der(0x30, tbs, sha256WithRsa, der(0x03, bits));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(encoded));
    }

    private static byte[] time(Instant instant) {
        Instant t = instant.truncatedTo(ChronoUnit.SECONDS);
        boolean utcTime = t.atOffset(ZoneOffset.UTC).getYear() < 2050; // RFC 5280 4.1.2.5
        String pattern = utcTime ? "yyMMddHHmmss'Z'" : "yyyyMMddHHmmss'Z'";
        return der(utcTime ? 0x17 : 0x18,
                DateTimeFormatter.ofPattern(pattern).withZone(ZoneOffset.UTC).format(t).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            long arc = Long.parseLong(arcs[i]);
            int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(arc) + 6) / 7);
            for (int g = groups - 1; g >= 0; g--) {
                out.write((int) ((arc >> (7 * g)) & 0x7f) | (g > 0 ? 0x80 : 0));
            }
        }
        return der(0x06, out.toByteArray());
    }

    private static byte[] der(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        int length = content.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else {
            byte[] n = BigInteger.valueOf(length).toByteArray();
            int skip = n[0] == 0 ? 1 : 0;
            out.write(0x80 | (n.length - skip));
            out.write(n, skip, n.length - skip);
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
