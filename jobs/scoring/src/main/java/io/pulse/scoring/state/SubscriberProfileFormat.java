package io.pulse.scoring.state;

import io.pulse.schema.CustomerType;
import io.pulse.schema.KeyAccountClass;
import io.pulse.schema.Segment;
import io.pulse.schema.SubscriberProfile;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;
import java.time.LocalDate;

/**
 * {@link SubscriberProfile} in state: nullable fields behind a bit mask, enums by position. The
 * account and the cell are bits of the mask that values written before state format 3 never set.
 */
final class SubscriberProfileFormat {
    private static final CustomerType[] CUSTOMER_TYPES = CustomerType.values();
    private static final Segment[] SEGMENTS = Segment.values();
    private static final KeyAccountClass[] KEY_ACCOUNT_CLASSES = KeyAccountClass.values();

    private static final int KEY_ACCOUNT_CLASS = 1;
    private static final int CONTRACT_END = 1 << 1;
    private static final int ACCOUNT_MANAGER = 1 << 2;
    private static final int REGION = 1 << 3;
    private static final int BIRTH_YEAR = 1 << 4;
    private static final int ACCOUNT = 1 << 5;
    private static final int CELL = 1 << 6;

    private SubscriberProfileFormat() {}

    static void write(SubscriberProfile p, DataOutputView out) throws IOException {
        int present =
                (p.getKeyAccountClass() != null ? KEY_ACCOUNT_CLASS : 0)
                        | (p.getContractEndDate() != null ? CONTRACT_END : 0)
                        | (p.getAccountManagerId() != null ? ACCOUNT_MANAGER : 0)
                        | (p.getRegion() != null ? REGION : 0)
                        | (p.getBirthYear() != null ? BIRTH_YEAR : 0)
                        | (p.getAccountId() != null ? ACCOUNT : 0)
                        | (p.getCellId() != null ? CELL : 0);
        out.writeByte(present);
        StringValue.writeString(p.getSubscriberId(), out);
        out.writeByte(p.getCustomerType().ordinal());
        out.writeByte(p.getSegment().ordinal());
        Varints.writeSigned(p.getActivationDate().toEpochDay(), out);
        StringValue.writeString(p.getPlanCode(), out);
        Varints.writeSigned(p.getPlanMonthlyFeeMinor(), out);
        Varints.writeSigned(p.getUpdatedAt(), out);
        if ((present & KEY_ACCOUNT_CLASS) != 0) {
            out.writeByte(p.getKeyAccountClass().ordinal());
        }
        if ((present & CONTRACT_END) != 0) {
            Varints.writeSigned(p.getContractEndDate().toEpochDay(), out);
        }
        if ((present & ACCOUNT_MANAGER) != 0) {
            StringValue.writeString(p.getAccountManagerId(), out);
        }
        if ((present & REGION) != 0) {
            StringValue.writeString(p.getRegion(), out);
        }
        if ((present & BIRTH_YEAR) != 0) {
            Varints.writeSigned(p.getBirthYear(), out);
        }
        if ((present & ACCOUNT) != 0) {
            StringValue.writeString(p.getAccountId(), out);
        }
        if ((present & CELL) != 0) {
            StringValue.writeString(p.getCellId(), out);
        }
    }

    static SubscriberProfile read(DataInputView in) throws IOException {
        int present = in.readUnsignedByte();
        SubscriberProfile p = new SubscriberProfile();
        p.setSubscriberId(StringValue.readString(in));
        p.setCustomerType(CUSTOMER_TYPES[in.readUnsignedByte()]);
        p.setSegment(SEGMENTS[in.readUnsignedByte()]);
        p.setActivationDate(LocalDate.ofEpochDay(Varints.readSigned(in)));
        p.setPlanCode(StringValue.readString(in));
        p.setPlanMonthlyFeeMinor(Varints.readSigned(in));
        p.setUpdatedAt(Varints.readSigned(in));
        p.setKeyAccountClass(
                (present & KEY_ACCOUNT_CLASS) != 0
                        ? KEY_ACCOUNT_CLASSES[in.readUnsignedByte()]
                        : null);
        p.setContractEndDate(
                (present & CONTRACT_END) != 0
                        ? LocalDate.ofEpochDay(Varints.readSigned(in))
                        : null);
        p.setAccountManagerId((present & ACCOUNT_MANAGER) != 0 ? StringValue.readString(in) : null);
        p.setRegion((present & REGION) != 0 ? StringValue.readString(in) : null);
        p.setBirthYear((present & BIRTH_YEAR) != 0 ? (int) Varints.readSigned(in) : null);
        p.setAccountId((present & ACCOUNT) != 0 ? StringValue.readString(in) : null);
        p.setCellId((present & CELL) != 0 ? StringValue.readString(in) : null);
        return p;
    }
}
