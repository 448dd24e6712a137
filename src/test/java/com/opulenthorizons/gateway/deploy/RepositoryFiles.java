package com.opulenthorizons.gateway.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The deployment files of the repository, read as the tests that check them need them (paths from the project root). */
final class RepositoryFiles {

    private RepositoryFiles() {
    }

    static String text(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A YAML document, with plain maps, lists and scalars only. */
    static Map<String, Object> yaml(String path) {
        return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(text(path)), path);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String what) {
        if (!(node instanceof Map<?, ?> map)) {
            throw new AssertionError(what + " is not a mapping: " + node);
        }
        return (Map<String, Object>) map;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, String what) {
        if (!(node instanceof List<?> list)) {
            throw new AssertionError(what + " is not a list: " + node);
        }
        return (List<Object>) list;
    }

    /** The README's section under a {@code ## title} heading, up to the next {@code ## } heading. */
    static String readmeSection(String title) {
        String readme = text("README.md");
        Matcher section = Pattern.compile("(?ms)^## " + Pattern.quote(title) + "\\s*$(.*?)(?=^## |\\z)").matcher(readme);
        if (!section.find()) {
            throw new AssertionError("README.md has no '## " + title + "' section");
        }
        return section.group(1);
    }
}
