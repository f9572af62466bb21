package io.resolutionledger.command.idempotency;

/**
 * Maps a command and the result its handler returned to the HTTP answer. One deterministic function, used for the
 * first answer and to store the answer a repeated request replays; implemented by the web layer.
 */
@FunctionalInterface
public interface AnswerRenderer {

    CommandAnswer render(Object command, Object result);
}
