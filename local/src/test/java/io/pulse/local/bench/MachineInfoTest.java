package io.pulse.local.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MachineInfoTest {

    @Test
    void readsTheFirstCpuModelAndTheTotalMemory() {
        List<String> cpuinfo =
                List.of(
                        "processor\t: 0",
                        "vendor_id\t: GenuineIntel",
                        "model name\t: Intel(R) Xeon(R) Processor",
                        "processor\t: 1",
                        "model name\t: Other");
        List<String> meminfo =
                List.of("MemTotal:       24731708 kB", "MemFree:        22000000 kB");

        assertThat(MachineInfo.cpuModel(cpuinfo)).isEqualTo("Intel(R) Xeon(R) Processor");
        assertThat(MachineInfo.memoryBytes(meminfo)).isEqualTo(24_731_708L * 1024);
    }

    @Test
    void withoutProcFilesTheFieldsSaySo() {
        assertThat(MachineInfo.cpuModel(List.of())).isNull();
        assertThat(MachineInfo.memoryBytes(List.of())).isEqualTo(-1);
    }

    @Test
    void theCurrentMachineHasCoresAndAJavaVersion() {
        MachineInfo machine = MachineInfo.current();

        assertThat(machine.cores()).isPositive();
        assertThat(machine.maxHeapBytes()).isPositive();
        assertThat(machine.java()).isEqualTo(System.getProperty("java.version"));
    }
}
