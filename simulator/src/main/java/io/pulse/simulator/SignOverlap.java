package io.pulse.simulator;

import io.pulse.schema.ComplaintCategory;
import io.pulse.schema.Direction;
import io.pulse.schema.EventType;
import io.pulse.schema.ServiceAction;
import io.pulse.schema.SubscriberEvent;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.pulse.simulator.CalendarHour.DAY_MILLIS;

/**
 * How much the signs of leaving overlap with ordinary life, measured on a simulated run: for each
 * group of subscribers (those who left, by cause; those who wavered and stayed; those with a
 * planted behaviour; the steady ones), the share who showed each sign in the 60 days before they
 * left, or, for those who stayed, in the last 60 days of the run. Fed with every event and
 * condition of the run, in order; read at the end.
 */
public final class SignOverlap {
    static final int WINDOW_DAYS = 60;

    /** What is counted in the window. */
    public enum Mark {
        COMPLAINT("a complaint"),
        PRICE_COMPLAINT("a price complaint"),
        CARE_CONTACT("a care contact"),
        COMPETITOR_CONTACT("a competitor contact"),
        LOW_SURVEY("a survey answer of 1 or 2"),
        DOWNGRADE("a plan downgrade"),
        ARREARS("a bill unpaid past due"),
        QUIET_SPELL("a quiet spell"),
        TRIP("a trip abroad"),
        TRAFFIC_HALVED("last 30 days' outgoing traffic under half the 60 days' before"),
        SILENT_WEEK("7 days without outgoing activity");

        public final String label;

        Mark(String label) {
            this.label = label;
        }
    }

    private final long start;
    private final int days;
    private final List<SimulatedSubscriber> subscribers;
    private final Map<String, Integer> indexOf = new HashMap<>();

    /** Outgoing calls, messages and data sessions per subscriber and day. */
    private final int[][] outgoing;

    private final List<List<long[]>> marks = new ArrayList<>();

    public SignOverlap(List<SimulatedSubscriber> subscribers, long start, int days) {
        this.start = start;
        this.days = days;
        this.subscribers = subscribers;
        this.outgoing = new int[subscribers.size()][days];
        for (int i = 0; i < subscribers.size(); i++) {
            indexOf.put(subscribers.get(i).id(), i);
            marks.add(new ArrayList<>());
        }
    }

    public void accept(SubscriberEvent e) {
        int i = indexOf.get(e.getSubscriberId());
        long t = e.getEventTime();
        int day = (int) Math.floorDiv(t - start, DAY_MILLIS);
        boolean outgoingActivity =
                e.getType() == EventType.DATA_SESSION
                        || (e.getDirection() == Direction.OUTGOING
                                && (e.getType() == EventType.VOICE_CALL
                                        || e.getType() == EventType.SMS));
        if (outgoingActivity && day >= 0 && day < days) {
            outgoing[i][day]++;
        }
        switch (e.getType()) {
            case COMPLAINT -> {
                mark(i, Mark.COMPLAINT, t, t);
                if (e.getCategory() == ComplaintCategory.PRICE) {
                    mark(i, Mark.PRICE_COMPLAINT, t, t);
                }
            }
            case CARE_CONTACT -> mark(i, Mark.CARE_CONTACT, t, t);
            case COMPETITOR_CONTACT -> mark(i, Mark.COMPETITOR_CONTACT, t, t);
            case SURVEY -> {
                if (e.getSurveyScore() != null && e.getSurveyScore() <= 2) {
                    mark(i, Mark.LOW_SURVEY, t, t);
                }
            }
            case PLAN_CHANGE -> {
                if (e.getAction() == ServiceAction.DOWNGRADE) {
                    mark(i, Mark.DOWNGRADE, t, t);
                }
            }
            default -> {}
        }
    }

    public void accept(ConditionWindow c) {
        Mark mark =
                switch (c.condition()) {
                    case ARREARS -> Mark.ARREARS;
                    case QUIET_SPELL -> Mark.QUIET_SPELL;
                    case TRAVEL -> Mark.TRIP;
                    default -> null;
                };
        if (mark != null) {
            mark(indexOf.get(c.subscriberId()), mark, c.from(), c.until());
        }
    }

    private void mark(int subscriber, Mark mark, long from, long until) {
        marks.get(subscriber).add(new long[] {mark.ordinal(), from, until});
    }

    /** The groups, each with its size and the share of its members showing each mark. */
    public Map<String, Row> rows() {
        long end = start + days * DAY_MILLIS;
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (String group : groups()) {
            counts.put(group, new int[Mark.values().length + 1]);
            sizes.put(group, 0);
        }
        for (int i = 0; i < subscribers.size(); i++) {
            SimulatedSubscriber s = subscribers.get(i);
            boolean left = s.terminatedAt(end);
            long anchor = left ? s.churn().until() : end;
            if (anchor - start < WINDOW_DAYS * DAY_MILLIS) {
                continue;
            }
            String group = groupOf(s, left, end);
            sizes.merge(group, 1, Integer::sum);
            boolean[] shown = shown(i, anchor);
            int[] c = counts.get(group);
            boolean any = false;
            for (Mark mark : Mark.values()) {
                if (shown[mark.ordinal()]) {
                    c[mark.ordinal()]++;
                    any = true;
                }
            }
            if (!any) {
                c[Mark.values().length]++;
            }
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        counts.forEach(
                (group, c) -> {
                    int size = sizes.get(group);
                    Map<Mark, Double> shares = new EnumMap<>(Mark.class);
                    for (Mark mark : Mark.values()) {
                        shares.put(mark, size == 0 ? 0 : (double) c[mark.ordinal()] / size);
                    }
                    rows.put(
                            group,
                            new Row(
                                    size,
                                    shares,
                                    size == 0 ? 0 : (double) c[Mark.values().length] / size));
                });
        return rows;
    }

    /** One group: its size, the share showing each mark, and the share showing none. */
    public record Row(int subscribers, Map<Mark, Double> shares, double none) {}

    static List<String> groups() {
        return List.of(
                "left: competitive",
                "left: disappointment",
                "left: malicious",
                "left: natural",
                "wavered and stayed",
                "planted behaviour, stayed",
                "steady, stayed");
    }

    private static String groupOf(SimulatedSubscriber s, boolean left, long end) {
        if (left) {
            return "left: " + s.churn().cause().name().toLowerCase(Locale.ROOT);
        }
        if (s.waver() != null && s.waver().from() < end) {
            return "wavered and stayed";
        }
        return s.behaviour() == Behaviour.STEADY ? "steady, stayed" : "planted behaviour, stayed";
    }

    private boolean[] shown(int i, long anchor) {
        boolean[] shown = new boolean[Mark.values().length];
        long from = anchor - WINDOW_DAYS * DAY_MILLIS;
        for (long[] m : marks.get(i)) {
            if (m[1] < anchor && m[2] >= from) {
                shown[(int) m[0]] = true;
            }
        }
        int last = (int) Math.floorDiv(anchor - start, DAY_MILLIS);
        int[] days = outgoing[i];
        if (last >= 90) {
            double recent = sum(days, last - 30, last);
            double before = sum(days, last - 90, last - 30) / 2;
            shown[Mark.TRAFFIC_HALVED.ordinal()] = before > 0 && recent < before / 2;
        }
        int run = 0;
        for (int d = Math.max(0, last - WINDOW_DAYS); d < Math.min(last, days.length); d++) {
            run = days[d] == 0 ? run + 1 : 0;
            if (run >= 7) {
                shown[Mark.SILENT_WEEK.ordinal()] = true;
            }
        }
        return shown;
    }

    private static double sum(int[] days, int from, int until) {
        double total = 0;
        for (int d = Math.max(0, from); d < Math.min(until, days.length); d++) {
            total += days[d];
        }
        return total;
    }

    /** The rows as a Markdown table, shares in per cent. */
    public String markdown() {
        StringBuilder s = new StringBuilder("| group | subscribers |");
        for (Mark mark : Mark.values()) {
            s.append(' ').append(mark.label).append(" |");
        }
        s.append(" none of these |\n|---|---:|");
        s.append("---:|".repeat(Mark.values().length + 1)).append('\n');
        rows().forEach(
                        (group, row) -> {
                            s.append("| ")
                                    .append(group)
                                    .append(" | ")
                                    .append(row.subscribers())
                                    .append(" |");
                            for (Mark mark : Mark.values()) {
                                s.append(
                                        String.format(
                                                Locale.ROOT,
                                                " %.0f%% |",
                                                100 * row.shares().get(mark)));
                            }
                            s.append(String.format(Locale.ROOT, " %.0f%% |%n", 100 * row.none()));
                        });
        return s.toString();
    }
}
