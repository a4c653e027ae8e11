package com.computemarket.messaging;

/** A record that no retry can fix: it goes straight to the dead-letter topic. */
public class MalformedEventException extends RuntimeException {
    MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
