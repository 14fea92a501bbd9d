package dev.pavu.gateway.client;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RetriableException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

/** Turns what langchain4j and the JDK throw into a {@link BackendFailure} with a short reason. */
public final class Failures {

    private Failures() {
    }

    /**
     * Classifies a failure of a backend call.
     *
     * @param e what the call threw (or what a stream reported)
     * @return a failure whose reason fits on one line and whose transient flag says whether to retry
     */
    public static BackendFailure classify(Throwable e) {
        if (e instanceof BackendFailure bf) {
            return bf;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpException http) {
                int status = http.statusCode();
                boolean retry = status == 408 || status == 429 || status >= 500;
                return new BackendFailure("HTTP " + status + ": " + shorten(http.getMessage()), retry);
            }
            if (t instanceof ConnectException) {
                return new BackendFailure("connection refused", true);
            }
            if (t instanceof HttpTimeoutException || t instanceof TimeoutException
                    || t instanceof java.net.SocketTimeoutException) {
                return new BackendFailure("timed out", true);
            }
            if (t instanceof IOException io) {
                return new BackendFailure("I/O error: " + shorten(describe(io)), true);
            }
            if (t.getCause() == null || t.getCause() == t) {
                break;
            }
        }
        if (e instanceof NonRetriableException) {
            return new BackendFailure(shorten(describe(e)), false);
        }
        if (e instanceof RetriableException) {
            return new BackendFailure(shorten(describe(e)), true);
        }
        return new BackendFailure(shorten(describe(e)), true);
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }

    static String shorten(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
    }
}
