package com.opulenthorizons.gateway.webform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.opulenthorizons.gateway.common.InvalidArgumentException;

class WebFormServletTest {

    @Test
    void aUrlencodedBodyIsDecodedAsUtf8AndARepeatedFieldKeepsItsFirstValue() {
        assertThat(WebFormServlet.urlencoded("name=Zo%C3%AB+M%C3%BCller&email=zoe%40example.com&consent=on&consent=off&empty"))
                .containsEntry("name", "Zoë Müller").containsEntry("email", "zoe@example.com").containsEntry("consent", "on")
                .containsEntry("empty", "");
    }

    @Test
    void aBrokenBodyIsRefusedAs400() {
        assertThatThrownBy(() -> WebFormServlet.urlencoded("name=%zz")).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> WebFormServlet.json("[1]".getBytes())).hasMessage("body: must be a JSON object");
        assertThatThrownBy(() -> WebFormServlet.json("{".getBytes())).hasMessage("body: not valid JSON");
    }

    @Test
    void originsAreComparedAsBrowsersSendThem() {
        WebFormConfig config = new WebFormConfig(key -> key.equals("WEB_FORM_ALLOWED_ORIGINS")
                ? java.util.Optional.of("https://www.Example.com/, https://example.org:8443") : java.util.Optional.empty());
        assertThat(config.originAllowed("https://www.example.com")).isTrue();
        assertThat(config.originAllowed("https://example.org:8443")).isTrue();
        assertThat(config.originAllowed("http://www.example.com")).isFalse();
        assertThat(config.originAllowed("https://evil.example")).isFalse();
    }
}
