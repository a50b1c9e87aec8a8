package io.pulse.scoring.state;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * Variable-length integers, seven bits a byte (small values take one byte), and zig-zag for values
 * that may be negative, as in Protocol Buffers and Avro.
 */
final class Varints {
    private Varints() {}

    static void writeUnsigned(long value, DataOutputView out) throws IOException {
        while ((value & ~0x7FL) != 0) {
            out.writeByte((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.writeByte((int) value);
    }

    static long readUnsigned(DataInputView in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.readByte();
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IOException("malformed variable-length integer in state");
    }

    static void writeSigned(long value, DataOutputView out) throws IOException {
        writeUnsigned((value << 1) ^ (value >> 63), out);
    }

    static long readSigned(DataInputView in) throws IOException {
        long zigzag = readUnsigned(in);
        return (zigzag >>> 1) ^ -(zigzag & 1);
    }

    static int readCount(DataInputView in) throws IOException {
        long count = readUnsigned(in);
        if (count > Integer.MAX_VALUE) {
            throw new IOException("malformed count in state: " + count);
        }
        return (int) count;
    }
}
