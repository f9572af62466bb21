package io.resolutionledger.command.support;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Asserting refusals in fixture tests: nothing written, and the typed code the client will see. */
public final class Refusals {

    private Refusals() {
    }

    public static Matcher<Throwable> refusal(ErrorCode code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable item) {
                return item instanceof LedgerRefusedException refused && refused.code() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a refusal with code " + code);
            }
        };
    }

    public static void refused(ResultValidator<?> result, ErrorCode code) {
        result.expectNoEvents().expectException(refusal(code));
    }
}
