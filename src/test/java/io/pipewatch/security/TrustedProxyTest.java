package io.pipewatch.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrustedProxyTest {

    private final TrustedProxy proxy = new TrustedProxy(List.of(AddressRange.parse("10.0.0.0/16"), AddressRange.parse("::1")),
            "X-Forwarded-User", Optional.of("X-Forwarded-Groups"), List.of("viewer"));

    @ParameterizedTest
    @CsvSource({"10.0.0.0/16, 10.0.255.1, true", "10.0.0.0/16, 10.1.0.1, false", "10.0.0.0/9, 10.127.0.1, true",
            "10.0.0.0/9, 10.128.0.1, false", "127.0.0.1, 127.0.0.1, true", "127.0.0.1, 127.0.0.2, false",
            "::1, ::1, true", "::1, 127.0.0.1, false", "0.0.0.0/0, 192.0.2.7, true", "fd00::/8, fd12::1, true"})
    void rangesContainTheirAddresses(String range, String address, boolean contained) {
        assertEquals(contained, AddressRange.parse(range).contains(AddressRange.parse(address).network()));
    }

    @ParameterizedTest
    @CsvSource({"proxy.internal", "10.0.0.0/33", "10.0.0.0/x", "10.0.0", "''"})
    void anythingButAnAddressLiteralIsRefusedWithoutALookUp(String text) {
        assertThrows(IllegalArgumentException.class, () -> AddressRange.parse(text));
    }

    @Test
    void theProxysHeadersNameTheUserAndTheirGroups() throws Exception {
        var user = proxy.user("10.0.3.4", Map.of("X-Forwarded-User", "ana@example.com", "X-Forwarded-Groups", "responder, oncall")::get);
        assertEquals(Optional.of(new TrustedProxy.ProxiedUser("ana@example.com", Set.of("viewer", "responder", "oncall"))), user);
        assertTrue(proxy.user("[::1]", Map.of("X-Forwarded-User", "bo")::get).isPresent(), "IPv6 peers in brackets");
    }

    @Test
    void aRequestWithoutTheHeaderNamesNobody() throws Exception {
        assertFalse(proxy.user("10.0.3.4", Map.<String, String>of()::get).isPresent());
    }

    @Test
    void anyoneElseClaimingAUserIsRefused() {
        var e = assertThrows(TrustedProxy.Untrusted.class, () -> proxy.user("192.0.2.9", Map.of("X-Forwarded-User", "admin")::get));
        assertTrue(e.getMessage().contains("192.0.2.9"), e.getMessage());
        assertThrows(TrustedProxy.Untrusted.class, () -> proxy.user("10.0.0.1", Map.of("X-Forwarded-User", "x".repeat(5000))::get));
    }
}
