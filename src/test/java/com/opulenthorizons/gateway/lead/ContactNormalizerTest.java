package com.opulenthorizons.gateway.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.opulenthorizons.gateway.common.InvalidArgumentException;

class ContactNormalizerTest {

    private final ContactNormalizer gb = new ContactNormalizer("GB");

    @Test
    void emailIsTrimmedAndLowerCased() {
        assertThat(gb.normalizeEmail("  Ann.Smith@Example.COM ")).isEqualTo("ann.smith@example.com");
    }

    @Test
    void blankContactsAreAbsent() {
        assertThat(gb.keys("  ", "")).isEqualTo(new ContactKeys(null, null));
        assertThat(gb.keys(null, null).isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+44 20 7946 0958", "020 7946 0958", "(020) 7946-0958", "+442079460958", "0044 20 7946 0958"})
    void phonesInAnyFormatBecomeE164(String raw) {
        assertThat(gb.normalizePhone(raw)).isEqualTo("+442079460958");
    }

    @Test
    void nationalNumbersAreReadInTheConfiguredRegion() {
        assertThat(new ContactNormalizer("us").normalizePhone("(415) 555-0132")).isEqualTo("+14155550132");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a phone", "12", "+44 20 7946 0958 1234 5678 9"})
    void impossibleNumbersAreRefusedNamingTheField(String raw) {
        assertThatThrownBy(() -> gb.normalizePhone(raw, "from_number"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("from_number: must be a phone number")
                .hasMessageNotContaining(raw);
    }

    @Test
    void anUnknownDefaultRegionIsAConfigurationError() {
        assertThatThrownBy(() -> new ContactNormalizer("XX"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PHONE_DEFAULT_REGION");
    }

    @Test
    void freeTextLosesItsEmailsAndPhoneNumbersButNotItsReferences() {
        assertThat(gb.withoutContacts("Asked by Ann.Lee@Example.com on 07912 345678 and +61 412 345 678, ticket 4411"))
                .isEqualTo("Asked by <email> on <phone> and <phone>, ticket 4411");
        assertThat(gb.withoutContacts("GDPR Art. 17 request of 1 December, ticket 4411")).isEqualTo(
                "GDPR Art. 17 request of 1 December, ticket 4411");
        assertThat(gb.withoutContacts(null)).isNull();
    }
}
