package io.principia.graph.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.principia.core.data.DataException;

/**
 * The pickle subset on hand-assembled byte streams laid out as Python 2's protocol 2 writes them
 * (the layout of the Planetoid files: see {@code pickletools.dis} of {@code ind.cora.x}).
 */
class PickleTest {

    /** Emits pickle opcodes. */
    static final class P {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        P op(int code) { out.write(code); return this; }

        P proto() { return op(0x80).op(2); }

        P mark() { return op('('); }

        P int1(int v) { return op('K').op(v); }

        P int2(int v) { return op('M').op(v & 0xff).op(v >>> 8); }

        P int4(int v) { op('J'); for (int i = 0; i < 4; i++) { op(v >>> (8 * i) & 0xff); } return this; }

        P str(String s) {
            byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
            if (b.length < 256) {
                op('U').op(b.length);
            } else {
                op('T');
                for (int i = 0; i < 4; i++) { op(b.length >>> (8 * i) & 0xff); }
            }
            out.writeBytes(b);
            return this;
        }

        P raw(byte[] b) { return str(new String(b, StandardCharsets.ISO_8859_1)); }

        P global(String module, String name) {
            op('c');
            out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        /** numpy.core.multiarray._reconstruct(ndarray, (0,), 'b') + BUILD((1, shape, dtype, False, raw)). */
        P ndarray(String code, byte[] data, int... shape) {
            global("numpy.core.multiarray", "_reconstruct").global("numpy", "ndarray").int1(0).op(0x85).str("b").op(0x87).op('R');
            mark().int1(1).mark();
            for (int d : shape) { int4(d); }
            op('t');
            global("numpy", "dtype").str(code).int1(0).int1(1).op(0x87).op('R');
            mark().int1(3).str("<").op('N').op('N').op('N').int4(-1).int4(-1).int1(0).op('t').op('b');
            op(0x89).raw(data).op('t').op('b');
            return this;
        }

        byte[] stop() { op('.'); return out.toByteArray(); }
    }

    static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) { b.putFloat(f); }
        return b.array();
    }

    static byte[] ints(int... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int i : v) { b.putInt(i); }
        return b.array();
    }

    @Test
    void scalarsTuplesListsAndDictsWithMemo() {
        // {'a': (1, 300, -5), 'b': [True, None, 'a']}, the second 'a' fetched from the memo
        byte[] bytes = new P().proto().op('}').mark().str("a").op('q').op(1).int1(1).int2(300).int4(-5).op(0x87)
                .str("b").op(']').mark().op(0x88).op('N').op('h').op(1).op('e').op('u').stop();
        Object v = Pickle.read(bytes, "mem");
        Map<?, ?> m = assertInstanceOf(Map.class, v);
        assertEquals(List.of(1L, 300L, -5L), m.get("a"));
        assertEquals(Arrays.asList(true, Pickle.NONE, "a"), m.get("b"));
    }

    @Test
    void defaultdictOfListsKeepsItsItems() {
        byte[] bytes = new P().proto().global("collections", "defaultdict").global("__builtin__", "list").op(0x85).op('R')
                .mark().int1(0).op(']').mark().int1(2).int2(633).op('e').int1(1).op(']').int1(0).op('a').op('u').stop();
        Pickle.Instance d = assertInstanceOf(Pickle.Instance.class, Pickle.read(bytes, "graph"));
        assertTrue(d.is("collections", "defaultdict"));
        assertEquals(Map.of(0L, List.of(2L, 633L), 1L, List.of(0L)), d.items);
    }

    @Test
    void numpyArrayAndCsrMatrixDecode() {
        byte[] dense = new P().proto().ndarray("i4", ints(1, 0, 0, 0, 0, 1), 2, 3).stop();
        float[][] m = PickledArrays.matrix(Pickle.read(dense, "y"), "y");
        assertArrayEquals(new float[] {1, 0, 0}, m[0]);
        assertArrayEquals(new float[] {0, 0, 1}, m[1]);

        // [[0, 2.5, 0], [0, 0, 0], [1, 0, -3]]
        P p = new P().proto().global("scipy.sparse.csr", "csr_matrix").op(')').op(0x81).op('}').mark()
                .str("_shape").int1(3).int1(3).op(0x86)
                .str("indptr").ndarray("i4", ints(0, 1, 1, 3), 4)
                .str("indices").ndarray("i4", ints(1, 0, 2), 3)
                .str("data").ndarray("f4", floats(2.5f, 1f, -3f), 3)
                .op('u').op('b');
        float[][] csr = PickledArrays.matrix(Pickle.read(p.stop(), "x"), "x");
        assertArrayEquals(new float[] {0, 2.5f, 0}, csr[0]);
        assertArrayEquals(new float[] {0, 0, 0}, csr[1]);
        assertArrayEquals(new float[] {1, 0, -3}, csr[2]);
    }

    @Test
    void badInputNamesTheSourceOffsetAndProblem() {
        byte[] good = new P().proto().ndarray("f4", floats(1, 2), 2).stop();
        DataException truncated = assertThrows(DataException.class,
                () -> Pickle.read(Arrays.copyOf(good, good.length - 5), "ind.cora.x"));
        assertTrue(truncated.getMessage().startsWith("ind.cora.x: pickle byte "), truncated.getMessage());
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());

        DataException opcode = assertThrows(DataException.class, () -> Pickle.read(new byte[] {(byte) 0x80, 2, 'Z', '.'}, "f"));
        assertEquals("f: pickle byte 2: unsupported opcode 0x5a ('Z')", opcode.getMessage());

        DataException memo = assertThrows(DataException.class, () -> Pickle.read(new byte[] {'h', 7, '.'}, "f"));
        assertTrue(memo.getMessage().contains("memo key 7 was never stored"), memo.getMessage());

        byte[] shortData = new P().proto().ndarray("f4", floats(1, 2), 3).stop();
        DataException size = assertThrows(DataException.class, () -> PickledArrays.matrix(Pickle.read(shortData, "tx"), "tx"));
        assertTrue(size.getMessage().contains("8 data bytes for shape [3] of f4 (expected 12)"), size.getMessage());

        DataException proto4 = assertThrows(DataException.class, () -> Pickle.read(new byte[] {(byte) 0x80, 4, (byte) 0x95}, "p4"));
        assertEquals("p4: pickle byte 0: pickle protocol 4; only protocol 2 (Python 2's binary format) is read", proto4.getMessage());

        // a shape tuple holding a string instead of a dimension
        P badShape = new P().proto().global("numpy.core.multiarray", "_reconstruct").global("numpy", "ndarray").int1(0).op(0x85)
                .str("b").op(0x87).op('R').mark().int1(1).str("abc").op(0x85)
                .global("numpy", "dtype").str("f4").int1(0).int1(1).op(0x87).op('R').op(0x89).raw(floats(1)).op('t').op('b');
        DataException shape = assertThrows(DataException.class, () -> PickledArrays.matrix(Pickle.read(badShape.stop(), "x"), "x"));
        assertTrue(shape.getMessage().startsWith("x shape: expected an integer"), shape.getMessage());

        DataException notArray = assertThrows(DataException.class,
                () -> PickledArrays.matrix(Pickle.read(new P().int1(3).stop(), "y"), "y"));
        assertTrue(notArray.getMessage().contains("expected a pickled NumPy array"), notArray.getMessage());
    }
}
