package com.opulenthorizons.gateway.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.opulenthorizons.gateway.testing.ShippedBlocklist;

class BlockedIdentifiersTest {

    private final ContactNormalizer normalizer = new ContactNormalizer("AU");
    private final BlockedIdentifiers blocked = ShippedBlocklist.with(normalizer, "02 9999 1234, +61 3 9000 0000");

    @Test
    void placeholderEmailsAreBlockedAtAnyDomainByTheirLocalPart() {
        assertThat(blocked.isBlockedEmail("test@test.com")).isTrue();
        assertThat(blocked.isBlockedEmail("noreply@agency.example")).isTrue();
        assertThat(blocked.isBlockedEmail("none@x.io")).isTrue();
        assertThat(blocked.isBlockedEmail("ann@test.com")).isFalse();
        assertThat(blocked.isBlockedEmail("noreply.ann@agency.example")).isFalse();
        assertThat(blocked.isBlockedEmail(null)).isFalse();
    }

    @Test
    void placeholderPhonesAndTheBusinessesOwnNumbersAreBlocked() {
        assertThat(blocked.isBlockedPhone(normalizer.normalizePhone("0000000000"))).isTrue();
        assertThat(blocked.isBlockedPhone(normalizer.normalizePhone("+1 1234567890"))).isTrue();
        assertThat(blocked.isBlockedPhone(normalizer.normalizePhone("+61 999 999 999"))).isTrue();
        assertThat(blocked.isBlockedPhone(normalizer.normalizePhone("(02) 9999 1234"))).isTrue();
        assertThat(blocked.isBlockedPhone("+61390000000")).isTrue();
        assertThat(blocked.isBlockedPhone(normalizer.normalizePhone("0412 345 678"))).isFalse();
    }

    @Test
    void identityKeysLeaveOutOnlyTheBlockedValue() {
        String mobile = normalizer.normalizePhone("0412 345 678");
        assertThat(blocked.identityKeys(new ContactKeys("test@test.com", mobile))).isEqualTo(new ContactKeys(null, mobile));
        assertThat(blocked.identityKeys(new ContactKeys("ann@example.com", "+61292999999")))
                .isEqualTo(new ContactKeys("ann@example.com", "+61292999999"));
    }

    @Test
    void anOwnNumberThatIsNotAPhoneNumberStopsTheStart() {
        assertThatThrownBy(() -> new BlockedIdentifiers(normalizer, "", "", Optional.empty(), Optional.of("reception")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OWN_PHONE_NUMBERS");
    }
}
