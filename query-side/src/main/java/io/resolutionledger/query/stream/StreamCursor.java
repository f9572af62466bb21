package io.resolutionledger.query.stream;

import io.resolutionledger.query.eventstore.Positions;

/**
 * The live stream's {@code id}: where a client resumes. An event may cause several changes (a resolution's, its
 * session's, the figures'), and a connection may break between them, so the id of every change but an event's last
 * says how many of that event's changes the client has: {@code <position before the event>+<changes received>}; the
 * last change's id is the position after the event. Positions are {@link Positions#cursor gap-aware}: a client
 * resuming at {@code 120~117} still gets event 117 when it commits late. A plain number is a position with nothing
 * missing below it.
 *
 * @param position  the stream position (every event it covers has been received in full)
 * @param partial   the position of an event whose first changes were received (-1: none)
 * @param received  how many changes of that event were received already
 */
record StreamCursor(Positions.Cursor position, long partial, int received) {

    static StreamCursor parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        long partial = -1;
        int received = 0;
        int plus = value.lastIndexOf('+');
        if (plus >= 0) {
            String[] parts = value.substring(plus + 1).split(":", 2);
            try {
                partial = Long.parseLong(parts[0]);
                received = parts.length == 2 ? Integer.parseInt(parts[1]) : -1;
            } catch (NumberFormatException e) {
                return null;
            }
            if (partial < 0 || received < 0) {
                return null;
            }
            value = value.substring(0, plus);
        }
        Positions.Cursor position = Positions.parse(value);
        return position == null ? null : new StreamCursor(position, partial, received);
    }

    /** The id of change {@code index} of {@code count} that the event at {@code event} causes. */
    static String of(String positionBefore, String positionAfter, long event, int index, int count) {
        return index == count - 1 ? positionAfter : positionBefore + "+" + event + ":" + (index + 1);
    }
}
