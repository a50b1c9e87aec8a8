package io.pulse.scoring.state;

import io.pulse.state.UsageCounters;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * {@link UsageCounters} in state: a mask of the fields that are not zero, then those fields as
 * variable-length integers. A quiet day takes a few bytes, a busy one about thirty. Bit i is the
 * i-th field of the Avro record; new fields take new bits at the end. Format 1 (Pulse 0.1) has a
 * three-byte mask and the first 24 fields; format 2 a four-byte mask and the spend by service and
 * complaints by category after them.
 */
final class UsageCountersFormat {
    private UsageCountersFormat() {}

    static void write(UsageCounters c, DataOutputView out) throws IOException {
        int present =
                bit(c.getOutCalls(), 0)
                        | bit(c.getOutLocalSec(), 1)
                        | bit(c.getOutLongDistanceSec(), 2)
                        | bit(c.getOutInternationalSec(), 3)
                        | bit(c.getOutRoamingSec(), 4)
                        | bit(c.getInCalls(), 5)
                        | bit(c.getInSec(), 6)
                        | bit(c.getSmsOut(), 7)
                        | bit(c.getSmsIn(), 8)
                        | bit(c.getDataBytes(), 9)
                        | bit(c.getDroppedCalls(), 10)
                        | bit(c.getTopUpMinor(), 11)
                        | bit(c.getPaymentMinor(), 12)
                        | bit(c.getBilledMinor(), 13)
                        | bit(c.getCareContacts(), 14)
                        | bit(c.getComplaints(), 15)
                        | bit(c.getFaults(), 16)
                        | bit(c.getOutInternationalCalls(), 17)
                        | bit(c.getPeakCalls(), 18)
                        | bit(c.getPeakSec(), 19)
                        | bit(c.getEveningCalls(), 20)
                        | bit(c.getEveningSec(), 21)
                        | bit(c.getCallChargeMinor(), 22)
                        | bit(c.getComplaintSeverity(), 23)
                        | bit(c.getSmsChargeMinor(), 24)
                        | bit(c.getDataChargeMinor(), 25)
                        | bit(c.getPriceComplaints(), 26)
                        | bit(c.getNetworkComplaints(), 27)
                        | bit(c.getServiceAttitudeComplaints(), 28);
        // fixed bytes: the busy fields sit high in the mask, where a varint would take five
        out.writeInt(present);
        if (present == 0) {
            return;
        }
        field(present, 0, c.getOutCalls(), out);
        field(present, 1, c.getOutLocalSec(), out);
        field(present, 2, c.getOutLongDistanceSec(), out);
        field(present, 3, c.getOutInternationalSec(), out);
        field(present, 4, c.getOutRoamingSec(), out);
        field(present, 5, c.getInCalls(), out);
        field(present, 6, c.getInSec(), out);
        field(present, 7, c.getSmsOut(), out);
        field(present, 8, c.getSmsIn(), out);
        field(present, 9, c.getDataBytes(), out);
        field(present, 10, c.getDroppedCalls(), out);
        field(present, 11, c.getTopUpMinor(), out);
        field(present, 12, c.getPaymentMinor(), out);
        field(present, 13, c.getBilledMinor(), out);
        field(present, 14, c.getCareContacts(), out);
        field(present, 15, c.getComplaints(), out);
        field(present, 16, c.getFaults(), out);
        field(present, 17, c.getOutInternationalCalls(), out);
        field(present, 18, c.getPeakCalls(), out);
        field(present, 19, c.getPeakSec(), out);
        field(present, 20, c.getEveningCalls(), out);
        field(present, 21, c.getEveningSec(), out);
        field(present, 22, c.getCallChargeMinor(), out);
        field(present, 23, c.getComplaintSeverity(), out);
        field(present, 24, c.getSmsChargeMinor(), out);
        field(present, 25, c.getDataChargeMinor(), out);
        field(present, 26, c.getPriceComplaints(), out);
        field(present, 27, c.getNetworkComplaints(), out);
        field(present, 28, c.getServiceAttitudeComplaints(), out);
    }

    /** Reads counters written in {@code format} (of the value that holds them). */
    static UsageCounters read(DataInputView in, int format) throws IOException {
        int present =
                format == 1 ? (in.readUnsignedByte() << 16) | in.readUnsignedShort() : in.readInt();
        // the primitive setters: the generated all-fields constructor takes boxed values
        UsageCounters c = new UsageCounters();
        c.setOutCalls((int) field(present, 0, in));
        c.setOutLocalSec(field(present, 1, in));
        c.setOutLongDistanceSec(field(present, 2, in));
        c.setOutInternationalSec(field(present, 3, in));
        c.setOutRoamingSec(field(present, 4, in));
        c.setInCalls((int) field(present, 5, in));
        c.setInSec(field(present, 6, in));
        c.setSmsOut((int) field(present, 7, in));
        c.setSmsIn((int) field(present, 8, in));
        c.setDataBytes(field(present, 9, in));
        c.setDroppedCalls((int) field(present, 10, in));
        c.setTopUpMinor(field(present, 11, in));
        c.setPaymentMinor(field(present, 12, in));
        c.setBilledMinor(field(present, 13, in));
        c.setCareContacts((int) field(present, 14, in));
        c.setComplaints((int) field(present, 15, in));
        c.setFaults((int) field(present, 16, in));
        c.setOutInternationalCalls((int) field(present, 17, in));
        c.setPeakCalls((int) field(present, 18, in));
        c.setPeakSec(field(present, 19, in));
        c.setEveningCalls((int) field(present, 20, in));
        c.setEveningSec(field(present, 21, in));
        c.setCallChargeMinor(field(present, 22, in));
        c.setComplaintSeverity((int) field(present, 23, in));
        c.setSmsChargeMinor(field(present, 24, in));
        c.setDataChargeMinor(field(present, 25, in));
        c.setPriceComplaints((int) field(present, 26, in));
        c.setNetworkComplaints((int) field(present, 27, in));
        c.setServiceAttitudeComplaints((int) field(present, 28, in));
        return c;
    }

    private static int bit(long value, int index) {
        return value != 0 ? 1 << index : 0;
    }

    private static void field(int present, int index, long value, DataOutputView out)
            throws IOException {
        if ((present & (1 << index)) != 0) {
            Varints.writeSigned(value, out);
        }
    }

    private static long field(int present, int index, DataInputView in) throws IOException {
        return (present & (1 << index)) != 0 ? Varints.readSigned(in) : 0L;
    }
}
