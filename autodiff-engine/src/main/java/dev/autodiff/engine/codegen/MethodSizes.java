package dev.autodiff.engine.codegen;

/** Reads method sizes from class files, to keep generated methods within what the JIT compiles. */
public final class MethodSizes {
    private MethodSizes() {}

    /**
     * {@return the longest method code in {@code classFile}}, read from the class file format (JVMS
     * §4): the fields and methods after the constant pool, and each method's Code attribute
     */
    public static int largestMethod(byte[] classFile) {
        org.objectweb.asm.ClassReader r = new org.objectweb.asm.ClassReader(classFile);
        int at = r.header + 6; // access, this, super
        at += 2 + 2 * r.readUnsignedShort(at); // interfaces
        for (int pass = 0; pass < 2; pass++) { // fields, then methods
            int count = r.readUnsignedShort(at);
            at += 2;
            int largest = 0;
            for (int m = 0; m < count; m++) {
                int attributes = r.readUnsignedShort(at + 6);
                at += 8;
                for (int a = 0; a < attributes; a++) {
                    String name = r.readUTF8(at, new char[r.getMaxStringLength()]);
                    int length = r.readInt(at + 2);
                    if (pass == 1 && "Code".equals(name)) {
                        largest = Math.max(largest, r.readInt(at + 10)); // after max_stack, max_locals
                    }
                    at += 6 + length;
                }
            }
            if (pass == 1) {
                return largest;
            }
        }
        throw new AssertionError("unreachable");
    }
}
