package com.opulenthorizons.gateway.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class OhidResolverTest {

    private static final UUID BY_EMAIL = UUID.randomUUID();
    private static final UUID BY_PHONE = UUID.randomUUID();

    private final OhidResolver resolver = new OhidResolver();

    /** A lookup over fixed data. */
    private static OhidLookup lookup(Map<String, UUID> emails, Map<String, UUID> phones) {
        return new OhidLookup() {
            @Override
            public Optional<UUID> byEmail(String email) {
                return Optional.ofNullable(emails.get(email));
            }

            @Override
            public Optional<UUID> byPhone(String phone) {
                return Optional.ofNullable(phones.get(phone));
            }
        };
    }

    private final OhidLookup known = lookup(Map.of("ann@example.com", BY_EMAIL), Map.of("+442079460958", BY_PHONE));

    @Test
    void emailMatchWins() {
        assertThat(resolver.resolve(new ContactKeys("ann@example.com", null), known)).isEqualTo(BY_EMAIL);
    }

    @Test
    void phoneIsUsedWhenTheEmailIsUnknown() {
        assertThat(resolver.resolve(new ContactKeys("new@example.com", "+442079460958"), known)).isEqualTo(BY_PHONE);
    }

    @Test
    void whenEmailAndPhonePointAtDifferentPeopleTheEmailDecides() {
        assertThat(resolver.resolve(new ContactKeys("ann@example.com", "+442079460958"), known)).isEqualTo(BY_EMAIL);
    }

    @Test
    void unknownContactsGetANewOhidEachTime() {
        ContactKeys keys = new ContactKeys("new@example.com", "+15550000000");
        UUID first = resolver.resolve(keys, known);
        assertThat(first).isNotIn(BY_EMAIL, BY_PHONE);
        assertThat(resolver.resolve(keys, known)).isNotEqualTo(first);
        assertThat(resolver.find(keys, known)).isEmpty();
    }

    @Test
    void noContactsMeansNoMatch() {
        assertThat(resolver.find(new ContactKeys(null, null), known)).isEmpty();
    }
}
