"""What both side-by-side benchmark scripts (onnx/, training/) say about the machine they ran on."""
import os
import platform


def processor_and_system():
    """'CPU model, N cores, OS release': the CPU's model name from /proc/cpuinfo when it is there."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"
