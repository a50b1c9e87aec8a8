package io.pulse.scoring.functions;

import io.pulse.schema.Alert;
import io.pulse.schema.DeadLetter;
import io.pulse.schema.control.ControlAck;
import io.pulse.scoring.incidents.AreaSignal;
import io.pulse.state.AccountLine;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** The side outputs of the job's functions. */
public final class SideOutputs {
    public static final OutputTag<Alert> ALERTS =
            new OutputTag<>("alerts", TypeInformation.of(Alert.class));
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    public static final OutputTag<ControlAck> CONTROL_ACKS =
            new OutputTag<>("control-acks", TypeInformation.of(ControlAck.class));

    public static final OutputTag<AreaSignal> AREA_SIGNALS =
            new OutputTag<>("area-signals", TypeInformation.of(AreaSignal.class));

    public static final OutputTag<AccountLine> ACCOUNT_LINES =
            new OutputTag<>("account-lines", TypeInformation.of(AccountLine.class));

    private SideOutputs() {}
}
