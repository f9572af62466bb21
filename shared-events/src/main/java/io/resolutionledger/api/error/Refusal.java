package io.resolutionledger.api.error;

/**
 * Why a command was refused: travels as the details of Axon's {@code CommandExecutionException}, so that the
 * refusal survives any command bus (local or Axon Server) and the web layer can answer with the right code.
 */
public record Refusal(ErrorCode code, String detail) {
}
