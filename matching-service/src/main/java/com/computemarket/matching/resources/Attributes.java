package com.computemarket.matching.resources;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one rule for free-form key=value attributes, on nodes (what a node offers, e.g. {@code tee=sgx}) and on jobs
 * (what a node must offer): bounded in number and size, keys from a small alphabet so they read the same everywhere.
 */
public final class Attributes {

    public static final int MAX_ATTRIBUTES = 32;
    public static final int MAX_VALUE_LENGTH = 256;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,63}");

    /** What is wrong with {@code attributes}, or empty when nothing is. */
    public static Optional<String> problemWith(Map<String, String> attributes) {
        if (attributes.size() > MAX_ATTRIBUTES) {
            return Optional.of("at most " + MAX_ATTRIBUTES + " attributes");
        }
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            if (attribute.getKey() == null || !KEY.matcher(attribute.getKey()).matches()) {
                return Optional.of("attribute names are 1-64 of letters, digits, '.', '_', '/' or '-', starting with a "
                        + "letter or digit: '" + attribute.getKey() + "' is not");
            }
            String value = attribute.getValue();
            if (value == null || value.isBlank() || value.length() > MAX_VALUE_LENGTH) {
                return Optional.of("the value of attribute '" + attribute.getKey() + "' must be 1-" + MAX_VALUE_LENGTH
                        + " characters, not blank");
            }
        }
        return Optional.empty();
    }

    private Attributes() {
    }
}
