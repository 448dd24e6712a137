package com.opulenthorizons.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every setting the gateway reads is listed in {@code .env.example} and in
 * {@code docs/reference/configuration.md}. The settings are found where the code reads them:
 * <ul>
 * <li>{@code @ConfigProperty(name = "...")} in the main sources, a constant name resolved to its value;</li>
 * <li>{@code lookup("NAME")}-style calls with an upper-case name, in classes that read
 * {@code org.eclipse.microprofile.config.Config} themselves (ZohoConfig);</li>
 * <li>the keys of {@code microprofile-config.properties}, except {@code config_ordinal} and the
 * fault-tolerance keys ({@code Class/method/Annotation/parameter}), which read the documented settings;</li>
 * <li>the {@code <variable>}s and {@code ${...}} references of {@code server.xml}.</li>
 * </ul>
 * In {@code .env.example} a setting is named as an environment variable ({@code NAME=} or {@code # NAME=});
 * in the reference it is named either way, in backticks.
 */
class ConfigurationDocumentedTest {

    private static final Path MAIN_JAVA = Path.of("src/main/java");
    private static final Path PROPERTIES = Path.of("src/main/resources/META-INF/microprofile-config.properties");
    private static final Path SERVER_XML = Path.of("src/main/liberty/config/server.xml");
    private static final Path ENV_EXAMPLE = Path.of(".env.example");
    private static final Path REFERENCE = Path.of("docs/reference/configuration.md");

    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*(\"([^\"]+)\"|([\\w.]+))");
    private static final Pattern LOOKUP_CALL = Pattern.compile("\\w\\(\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\"\\)");
    private static final Pattern STRING_CONSTANT = Pattern.compile("\\b(\\w+)\\s*=\\s*\"([^\"]+)\"\\s*;");
    private static final Pattern XML_VARIABLE = Pattern.compile("<variable\\s+name=\"([^\"]+)\"|\\$\\{([^}]+)}");
    private static final Set<String> LIBERTY_BUILT_INS = Set.of("shared.resource.dir", "server.config.dir", "server.output.dir");
    private static final Pattern ENV_LINE = Pattern.compile("^#? ?([A-Z][A-Z0-9_]*)=", Pattern.MULTILINE);

    /** setting key as the code names it, to the file that reads it */
    private static Map<String, String> settings;

    @BeforeAll
    static void findSettings() throws IOException {
        settings = new TreeMap<>();
        Map<String, String> constants = stringConstants();
        try (Stream<Path> files = Files.walk(MAIN_JAVA)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher property = CONFIG_PROPERTY.matcher(source);
                while (property.find()) {
                    String name = property.group(2) != null ? property.group(2) : resolve(property.group(3), constants, file);
                    settings.putIfAbsent(name, file.toString());
                }
                if (source.contains("import org.eclipse.microprofile.config.Config;")) {
                    Matcher lookup = LOOKUP_CALL.matcher(source);
                    while (lookup.find()) {
                        settings.putIfAbsent(lookup.group(1), file.toString());
                    }
                }
            }
        }
        Properties defaults = new Properties();
        defaults.load(new StringReader(Files.readString(PROPERTIES)));
        defaults.stringPropertyNames().stream()
                .filter(key -> !key.equals("config_ordinal") && !key.contains("/"))
                .forEach(key -> settings.putIfAbsent(key, PROPERTIES.toString()));
        Matcher variable = XML_VARIABLE.matcher(Files.readString(SERVER_XML));
        while (variable.find()) {
            String name = variable.group(1) != null ? variable.group(1) : variable.group(2);
            if (!name.startsWith("env.") && !LIBERTY_BUILT_INS.contains(name)) {
                settings.putIfAbsent(name, SERVER_XML.toString());
            }
        }
    }

    private static Map<String, String> stringConstants() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN_JAVA)) {
            Map<String, String> constants = new TreeMap<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher constant = STRING_CONSTANT.matcher(Files.readString(file));
                while (constant.find()) {
                    String className = file.getFileName().toString().replace(".java", "");
                    constants.put(className + "." + constant.group(1), constant.group(2));
                    constants.putIfAbsent(constant.group(1), constant.group(2));
                }
            }
            return constants;
        }
    }

    private static String resolve(String reference, Map<String, String> constants, Path file) {
        String value = constants.get(reference);
        if (value == null) {
            throw new AssertionError("@ConfigProperty(name = " + reference + ") in " + file
                    + ": cannot find the constant's value; give the name as a string literal or a static final String");
        }
        return value;
    }

    /** MicroProfile Config's environment-variable form of a key: upper case, every other character an underscore. */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    @Test
    void theScanFindsTheSettingsReadEachWay() {
        assertThat(settings).containsKeys("PGHOST", "WEBHOOK_SIGNING_SECRET", "ZOHO_CLIENT_SECRET", "mp.jwt.verify.issuer",
                "WEBHOOK_MAX_BODY_BYTES", "DB_POOL_MAX", "http.host", "PGPASSWORD");
        assertThat(settings).doesNotContainKeys("config_ordinal", "shared.resource.dir", "env.HOME");
    }

    @Test
    void everySettingIsInTheEnvExample() throws IOException {
        Set<String> listed = ENV_LINE.matcher(Files.readString(ENV_EXAMPLE)).results()
                .map(m -> m.group(1)).collect(Collectors.toSet());
        Map<String, String> missing = new TreeMap<>();
        settings.forEach((key, file) -> {
            if (!listed.contains(environmentName(key))) {
                missing.put(environmentName(key), file);
            }
        });
        assertThat(missing)
                .as("settings read by the code but missing from .env.example (name -> where it is read). Add each to its "
                        + "group as '# NAME=<default>' (or 'NAME=' for compose to set it) under a one-line comment saying "
                        + "what it means")
                .isEmpty();
    }

    @Test
    void everySettingIsInTheConfigurationReference() throws IOException {
        String reference = Files.readString(REFERENCE);
        Map<String, String> missing = new TreeMap<>();
        settings.forEach((key, file) -> {
            if (!reference.contains("`" + key + "`") && !reference.contains("`" + environmentName(key) + "`")) {
                missing.put(key, file);
            }
        });
        assertThat(missing)
                .as("settings read by the code but missing from " + REFERENCE + " (name -> where it is read). Add a "
                        + "table row: | `NAME` | default | meaning |")
                .isEmpty();
    }

    @Test
    void theEnvironmentNameFollowsMicroProfileConfig() {
        assertThat(environmentName("mp.jwt.verify.publickey.location")).isEqualTo("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        assertThat(environmentName("http.host")).isEqualTo("HTTP_HOST");
        assertThat(environmentName("PGHOST")).isEqualTo("PGHOST");
    }
}
