package io.resolutionledger.query.eventstore;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Positions in the global log, read from Axon's tracking tokens only.
 * <p>
 * A gap-aware token (the JDBC store) says how far a stream has read and which lower positions it has not seen yet
 * (transactions that took a number and had not committed). The token an event arrives with is the stream's token
 * after it, so its {@code position()} is the highest position seen, which is the event's own position unless the
 * event filled a gap: then the event's position is the gap that the token no longer lists. {@link #of} tells the two
 * apart from the token before the event. Axon Server's tokens have no gaps: the position is the event's own.
 */
public final class Positions {

    private Positions() {
    }

    /** The position of the event that moved a stream from {@code before} to {@code after}. */
    public static long of(TrackingToken before, TrackingToken after) {
        GapAwareTrackingToken gapAware = gapAware(after);
        if (gapAware != null) {
            GapAwareTrackingToken previous = gapAware(before);
            if (previous == null || gapAware.getIndex() > previous.getIndex()) {
                return gapAware.getIndex();
            }
            // the event filled a gap: the one gap of the token before it that the token after it no longer lists
            // (when the storage engine also dropped gaps it had given up on, the filled one is the highest of them)
            SortedSet<Long> filled = new TreeSet<>(previous.getGaps());
            filled.removeAll(gapAware.getGaps());
            return filled.isEmpty() ? gapAware.getIndex() : filled.last();
        }
        TrackingToken next = WrappedToken.unwrapLowerBound(after);
        OptionalLong position = next == null ? OptionalLong.empty() : next.position();
        return position.orElseThrow(() -> new IllegalArgumentException("a token without a position: " + after));
    }

    /**
     * The same token, but with {@code unseen} positions listed as not seen yet (gap-aware tokens only). When the
     * token's own index is unseen (the event that filled the position at the token's head is one of them, e.g. a late
     * commit that a reader reached before the live tail did), the token stands below it: a gap-aware token's gaps lie
     * below its index.
     */
    public static TrackingToken without(TrackingToken token, java.util.Collection<Long> unseen) {
        GapAwareTrackingToken gapAware = gapAware(token);
        if (gapAware == null || unseen.isEmpty()) {
            return token;
        }
        long index = gapAware.getIndex();
        while (index > 0 && unseen.contains(index)) {
            index--;
        }
        SortedSet<Long> gaps = new TreeSet<>(gapAware.getGaps());
        gaps.addAll(unseen);
        return GapAwareTrackingToken.newInstance(index, gaps.headSet(index));
    }

    /** Whether a stream at {@code token} has seen the event at {@code position}. */
    public static boolean seen(TrackingToken token, long position) {
        TrackingToken at = WrappedToken.unwrapLowerBound(token);
        if (at == null) {
            return false;
        }
        if (at instanceof GapAwareTrackingToken gapAware) {
            return position <= gapAware.getIndex() && !gapAware.getGaps().contains(position);
        }
        return position <= at.position().orElse(-1);
    }

    /**
     * A stream position as text, for clients to hand back (the live stream's {@code id}): the position, followed by
     * the positions not seen yet below it ({@code 120} or {@code 120~117.119}). A plain number is a position with
     * nothing missing below it, as clients of the first version sent it.
     */
    public static String cursor(TrackingToken token) {
        TrackingToken at = WrappedToken.unwrapLowerBound(token);
        if (at == null) {
            return "0";
        }
        if (at instanceof GapAwareTrackingToken gapAware) {
            StringBuilder text = new StringBuilder(Long.toString(gapAware.getIndex()));
            String separator = "~";
            for (long gap : gapAware.getGaps()) {
                text.append(separator).append(gap);
                separator = ".";
            }
            return text.toString();
        }
        return Long.toString(at.position().orElse(0));
    }

    /** The cursor's position and its missing positions; null when the text is not a cursor. */
    public static Cursor parse(String text) {
        if (text == null || text.isBlank() || text.length() > 20_000) {
            return null;
        }
        String[] parts = text.strip().split("~", 2);
        try {
            long index = Long.parseLong(parts[0]);
            List<Long> gaps = new ArrayList<>();
            if (parts.length == 2) {
                for (String gap : parts[1].split("\\.")) {
                    long value = Long.parseLong(gap);
                    if (value < 0 || value >= index) {
                        return null;
                    }
                    gaps.add(value);
                }
            }
            return index < 0 ? null : new Cursor(index, gaps);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A position with the positions below it that were not seen yet. */
    public record Cursor(long index, List<Long> gaps) {
    }

    static GapAwareTrackingToken gapAware(TrackingToken token) {
        // a replay token's current position is the token it wraps
        return token == null ? null : WrappedToken.unwrap(token, GapAwareTrackingToken.class).orElse(null);
    }

    static TrackingToken globalSequence(long index) {
        return new GlobalSequenceTrackingToken(index);
    }
}
