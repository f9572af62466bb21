package io.resolutionledger.command.web;

import java.io.IOException;

/** Thrown by the request body stream once more bytes arrive than {@code ledger.http.max-request-body}. */
public class PayloadTooLargeException extends IOException {

    public PayloadTooLargeException(long limit) {
        super("request body larger than " + limit + " bytes");
    }
}
