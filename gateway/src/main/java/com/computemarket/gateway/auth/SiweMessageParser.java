package com.computemarket.gateway.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.web3j.crypto.Keys;

/**
 * Parses the EIP-4361 text a wallet signed. Strict about the layout (a signature covers the exact text, so a lenient
 * reading would only hide client bugs) with one allowance: a message without a statement may have either the
 * current (two empty lines) or the original (one empty line) spacing before {@code URI:}.
 */
final class SiweMessageParser {

    static final int MAX_LENGTH = 8192;
    private static final String HEADER_SUFFIX = " wants you to sign in with your Ethereum account:";
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9]{8,}");
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
    private static final Pattern AUTHORITY = Pattern.compile("[A-Za-z0-9._~%!$&'()*+,;=:@\\[\\]-]+");

    private SiweMessageParser() {
    }

    static SiweMessage parse(String text) {
        if (text == null || text.isBlank()) {
            throw SignInRejected.malformed("message", "message is required");
        }
        if (text.length() > MAX_LENGTH) {
            throw SignInRejected.malformed("message", "message is longer than " + MAX_LENGTH + " characters");
        }
        Lines lines = new Lines(text);

        String header = lines.next("domain");
        if (!header.endsWith(HEADER_SUFFIX)) {
            throw SignInRejected.malformed("domain",
                    "the first line must read '<domain>" + HEADER_SUFFIX + "'");
        }
        String authority = header.substring(0, header.length() - HEADER_SUFFIX.length());
        String scheme = null;
        int schemeEnd = authority.indexOf("://");
        if (schemeEnd >= 0) {
            scheme = authority.substring(0, schemeEnd);
            authority = authority.substring(schemeEnd + 3);
            if (!SCHEME.matcher(scheme).matches()) {
                throw SignInRejected.malformed("scheme", "'" + scheme + "' is not a URI scheme");
            }
        }
        if (!AUTHORITY.matcher(authority).matches()) {
            throw SignInRejected.malformed("domain", "'" + authority + "' is not a valid domain");
        }

        String address = address(lines.next("address"));
        lines.expectEmpty("an empty line must follow the address");

        Optional<String> statement = Optional.empty();
        String afterAddress = lines.peek();
        if (afterAddress == null) {
            throw SignInRejected.malformed("uri", "the 'URI: ' line is missing");
        }
        if (afterAddress.isEmpty()) {
            lines.next("uri");
        } else if (!afterAddress.startsWith("URI: ")) {
            statement = Optional.of(lines.next("statement"));
            lines.expectEmpty("an empty line must follow the statement");
        }

        String uri = uri(lines.tagged("URI", "uri"));
        String version = lines.tagged("Version", "version");
        if (!"1".equals(version)) {
            throw SignInRejected.malformed("version", "only version 1 is supported, got '" + version + "'");
        }
        long chainId = chainId(lines.tagged("Chain ID", "chainId"));
        String nonce = lines.tagged("Nonce", "nonce");
        if (!NONCE.matcher(nonce).matches()) {
            throw SignInRejected.malformed("nonce", "the nonce must be at least 8 letters or digits");
        }
        Instant issuedAt = timestamp(lines.tagged("Issued At", "issuedAt"), "issuedAt");
        Optional<Instant> expirationTime = lines.optionalTagged("Expiration Time")
                .map(value -> timestamp(value, "expirationTime"));
        Optional<Instant> notBefore = lines.optionalTagged("Not Before")
                .map(value -> timestamp(value, "notBefore"));
        Optional<String> requestId = lines.optionalTagged("Request ID");
        List<String> resources = new ArrayList<>();
        if ("Resources:".equals(lines.peek())) {
            lines.next("resources");
            while (lines.peek() != null && lines.peek().startsWith("- ")) {
                resources.add(uri(lines.next("resources").substring(2)));
            }
        }
        if (lines.peek() != null) {
            throw SignInRejected.malformed("message",
                    "unexpected line " + lines.position() + ": '" + lines.peek() + "'");
        }
        return new SiweMessage(scheme, authority, address, statement, uri, version, chainId, nonce, issuedAt,
                expirationTime, notBefore, requestId, List.copyOf(resources));
    }

    private static String address(String value) {
        if (!ADDRESS.matcher(value).matches()) {
            throw SignInRejected.malformed("address", "'" + value + "' is not a 0x-prefixed 20-byte hex address");
        }
        String hex = value.substring(2);
        boolean checksummed = !hex.equals(hex.toLowerCase(Locale.ROOT));
        if (checksummed && !Keys.toChecksumAddress(value).equals(value)) {
            throw SignInRejected.malformed("address", "'" + value + "' fails its EIP-55 checksum");
        }
        return value;
    }

    private static String uri(String value) {
        try {
            URI parsed = new URI(value);
            if (parsed.getScheme() == null) {
                throw SignInRejected.malformed("uri", "'" + value + "' is not an absolute URI");
            }
            return value;
        } catch (URISyntaxException e) {
            throw SignInRejected.malformed("uri", "'" + value + "' is not a URI");
        }
    }

    private static long chainId(String value) {
        try {
            long chainId = Long.parseLong(value);
            if (chainId <= 0) {
                throw SignInRejected.malformed("chainId", "the chain id must be positive");
            }
            return chainId;
        } catch (NumberFormatException e) {
            throw SignInRejected.malformed("chainId", "'" + value + "' is not a chain id");
        }
    }

    private static Instant timestamp(String value, String field) {
        try {
            return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw SignInRejected.malformed(field, "'" + value + "' is not an RFC 3339 date-time");
        }
    }

    /** Reads the message line by line, naming the field that was expected when a line is missing. */
    private static final class Lines {

        private final List<String> lines;
        private int index;

        Lines(String text) {
            List<String> split = new ArrayList<>(List.of(text.split("\n", -1)));
            if (split.size() > 1 && split.getLast().isEmpty()) {
                split.removeLast();
            }
            this.lines = split;
        }

        String peek() {
            return index < lines.size() ? lines.get(index) : null;
        }

        int position() {
            return index + 1;
        }

        String next(String field) {
            if (index >= lines.size()) {
                throw SignInRejected.malformed(field, "the message ends before its " + field);
            }
            return lines.get(index++);
        }

        void expectEmpty(String detail) {
            if (!"".equals(peek())) {
                throw SignInRejected.malformed("message", detail);
            }
            index++;
        }

        String tagged(String tag, String field) {
            String prefix = tag + ": ";
            String line = peek();
            if (line == null || !line.startsWith(prefix)) {
                throw SignInRejected.malformed(field, "expected a '" + prefix + "' line at line " + position());
            }
            index++;
            return line.substring(prefix.length());
        }

        Optional<String> optionalTagged(String tag) {
            String prefix = tag + ": ";
            String line = peek();
            if (line == null || !line.startsWith(prefix)) {
                return Optional.empty();
            }
            index++;
            return Optional.of(line.substring(prefix.length()));
        }
    }
}
