package io.principia.graph.data;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.principia.core.data.DataException;

/**
 * A reader for the subset of Python's pickle format that Python 2 writes at protocol 2 for NumPy
 * arrays, SciPy CSR matrices and {@code collections.defaultdict} of lists, as in the Planetoid
 * {@code ind.*} files (protocol-0/1 text opcodes, floats and protocols above 2 are rejected). It never runs code: a class reference ({@code GLOBAL}) becomes a
 * {@link Global}, and a call or {@code NEWOBJ} becomes an {@link Instance} that records the callable,
 * its arguments, the state passed to {@code BUILD}, and any items or elements set on it.
 *
 * <p>Python values map to: None → {@link #NONE}; int → {@link Long} (a {@code LONG1} that does not
 * fit → {@link BigInteger}); bool → {@link Boolean}; Python 2 {@code str} → {@link String} decoded as
 * Latin-1, so its bytes come back losslessly with {@code getBytes(ISO_8859_1)}; unicode → String;
 * tuple → unmodifiable {@link List}; list → {@link ArrayList}; dict → {@link LinkedHashMap}.
 */
public final class Pickle {
    /** Python's None. */
    public static final Object NONE = new Object() {
        @Override
        public String toString() { return "None"; }
    };

    /** A class or function reference, {@code module.name}; never resolved. */
    public record Global(String module, String name) {
        @Override
        public String toString() { return module + "." + name; }
    }

    /** An object built by calling {@code callable(args)} (REDUCE) or {@code cls.__new__(cls, *args)} (NEWOBJ). */
    public static final class Instance {
        public final Object callable;
        public final List<Object> args;
        /** The argument of BUILD ({@code __setstate__}), or null when none was given. */
        public Object state;
        /** Items set with SETITEM(S) (a dict subclass such as defaultdict). */
        public final Map<Object, Object> items = new LinkedHashMap<>();
        /** Elements added with APPEND(S) (a list subclass). */
        public final List<Object> elements = new ArrayList<>();

        Instance(Object callable, List<Object> args) {
            this.callable = callable;
            this.args = args;
        }

        /** True when the callable is the global {@code module.name}. */
        public boolean is(String module, String name) {
            return callable instanceof Global g && g.module().equals(module) && g.name().equals(name);
        }

        @Override
        public String toString() { return callable + args.toString(); }
    }

    private static final Object MARK = new Object();

    private final byte[] in;
    private final String source;
    private int pos;
    private final ArrayList<Object> stack = new ArrayList<>();
    private final ArrayList<Integer> marks = new ArrayList<>();
    private final Map<Integer, Object> memo = new HashMap<>();

    private Pickle(byte[] in, String source) {
        this.in = in;
        this.source = source;
    }

    /**
     * Decodes one pickled value.
     *
     * @param source names the input in error messages (a file name)
     * @throws DataException on truncated input, an opcode outside the supported subset, or a
     *         malformed stack, naming the source, the byte offset and the opcode
     */
    public static Object read(byte[] bytes, String source) {
        return new Pickle(bytes, source).run();
    }

    private Object run() {
        while (true) {
            int at = pos;
            try {
                int op = u8();
                switch (op) {
                    case 0x80 -> {                                            // PROTO n
                        int proto = u8();
                        if (proto > 2) {
                            throw fail(at, "pickle protocol " + proto + "; only protocol 2 (Python 2's binary format) is read");
                        }
                    }
                    case '.' -> {                                             // STOP
                        if (stack.size() != 1 || !marks.isEmpty()) {
                            throw fail(at, "STOP with " + stack.size() + " values on the stack (expected 1)");
                        }
                        return stack.get(0);
                    }
                    case '(' -> { marks.add(stack.size()); stack.add(MARK); } // MARK
                    case 'N' -> push(NONE);
                    case 0x88 -> push(Boolean.TRUE);                          // NEWTRUE
                    case 0x89 -> push(Boolean.FALSE);                         // NEWFALSE
                    case 'K' -> push((long) u8());                            // BININT1
                    case 'M' -> push((long) (u8() | u8() << 8));              // BININT2
                    case 'J' -> push((long) i32());                           // BININT
                    case 0x8a -> push(long1(u8()));                           // LONG1
                    case 'U' -> push(latin1(u8()));                           // SHORT_BINSTRING
                    case 'T' -> push(latin1(len32(at)));                      // BINSTRING
                    case 'X' -> push(utf8(len32(at)));                        // BINUNICODE
                    case ')' -> push(List.of());                              // EMPTY_TUPLE
                    case 0x85 -> push(tuple(1));                              // TUPLE1
                    case 0x86 -> push(tuple(2));                              // TUPLE2
                    case 0x87 -> push(tuple(3));                              // TUPLE3
                    case 't' -> push(Collections.unmodifiableList(popToMark(at))); // TUPLE
                    case ']' -> push(new ArrayList<>());                      // EMPTY_LIST
                    case 'l' -> push(new ArrayList<>(popToMark(at)));         // LIST
                    case '}' -> push(new LinkedHashMap<>());                  // EMPTY_DICT
                    case 'a' -> { Object v = pop(at); append(at, peek(at), List.of(v)); } // APPEND
                    case 'e' -> { List<Object> vs = popToMark(at); append(at, peek(at), vs); } // APPENDS
                    case 's' -> { Object v = pop(at); Object k = pop(at); setItems(at, peek(at), List.of(k, v)); } // SETITEM
                    case 'u' -> { List<Object> kv = popToMark(at); setItems(at, peek(at), kv); } // SETITEMS
                    case 'c' -> push(new Global(line(at), line(at)));         // GLOBAL
                    case 'R' -> {                                             // REDUCE
                        List<Object> args = asTuple(at, pop(at));
                        push(new Instance(pop(at), args));
                    }
                    case 0x81 -> {                                            // NEWOBJ
                        List<Object> args = asTuple(at, pop(at));
                        push(new Instance(pop(at), args));
                    }
                    case 'b' -> {                                             // BUILD
                        Object state = pop(at);
                        if (!(peek(at) instanceof Instance obj)) {
                            throw fail(at, "BUILD on " + describe(peek(at)) + ", expected an object");
                        }
                        obj.state = state;
                    }
                    case 'q' -> memo.put(u8(), peek(at));                     // BINPUT
                    case 'r' -> memo.put(i32(), peek(at));                    // LONG_BINPUT
                    case 'h' -> push(memoGet(at, u8()));                      // BINGET
                    case 'j' -> push(memoGet(at, i32()));                     // LONG_BINGET
                    case '0' -> pop(at);                                      // POP
                    default -> throw fail(at, String.format("unsupported opcode 0x%02x", op)
                            + (op >= 0x21 && op < 0x7f ? " ('" + (char) op + "')" : ""));
                }
            } catch (IndexOutOfBoundsException e) {
                throw fail(at, "truncated (the file ends inside an opcode)");
            }
        }
    }

    // ---- stack ----

    private void push(Object v) { stack.add(v); }

    private Object pop(int at) {
        if (stack.isEmpty() || stack.get(stack.size() - 1) == MARK) {
            throw fail(at, "stack underflow");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek(int at) {
        if (stack.isEmpty() || stack.get(stack.size() - 1) == MARK) {
            throw fail(at, "stack underflow");
        }
        return stack.get(stack.size() - 1);
    }

    private List<Object> popToMark(int at) {
        if (marks.isEmpty()) {
            throw fail(at, "no MARK on the stack");
        }
        int m = marks.remove(marks.size() - 1);
        List<Object> top = new ArrayList<>(stack.subList(m + 1, stack.size()));
        stack.subList(m, stack.size()).clear();
        return top;
    }

    private List<Object> tuple(int n) {
        Object[] items = new Object[n];
        for (int i = n - 1; i >= 0; i--) {
            items[i] = pop(pos - 1);
        }
        return Collections.unmodifiableList(java.util.Arrays.asList(items));
    }

    private List<Object> asTuple(int at, Object v) {
        if (!(v instanceof List<?>)) {
            throw fail(at, "call arguments are " + describe(v) + ", expected a tuple");
        }
        @SuppressWarnings("unchecked")
        List<Object> args = (List<Object>) v;
        return args;
    }

    @SuppressWarnings("unchecked")
    private void append(int at, Object target, List<Object> values) {
        if (target instanceof ArrayList<?> list) { // a list; tuples are immutable
            ((List<Object>) list).addAll(values);
        } else if (target instanceof Instance obj) {
            obj.elements.addAll(values);
        } else {
            throw fail(at, "APPEND to " + describe(target) + ", expected a list");
        }
    }

    @SuppressWarnings("unchecked")
    private void setItems(int at, Object target, List<Object> kv) {
        if (kv.size() % 2 != 0) {
            throw fail(at, "SETITEMS with an odd number (" + kv.size() + ") of keys and values");
        }
        Map<Object, Object> map;
        if (target instanceof Map<?, ?> m) {
            map = (Map<Object, Object>) m;
        } else if (target instanceof Instance obj) {
            map = obj.items;
        } else {
            throw fail(at, "SETITEM on " + describe(target) + ", expected a dict");
        }
        for (int i = 0; i < kv.size(); i += 2) {
            map.put(kv.get(i), kv.get(i + 1));
        }
    }

    private Object memoGet(int at, int key) {
        Object v = memo.get(key);
        if (v == null) {
            throw fail(at, "memo key " + key + " was never stored");
        }
        return v;
    }

    // ---- input ----

    private int u8() {
        if (pos >= in.length) {
            throw new IndexOutOfBoundsException();
        }
        return in[pos++] & 0xff;
    }

    private int i32() {
        return u8() | u8() << 8 | u8() << 16 | u8() << 24;
    }

    private int len32(int at) {
        int n = i32();
        if (n < 0) {
            throw fail(at, "negative length " + n);
        }
        return n;
    }

    private byte[] bytes(int n) {
        if (n > in.length - pos) {
            throw new IndexOutOfBoundsException();
        }
        byte[] b = java.util.Arrays.copyOfRange(in, pos, pos + n);
        pos += n;
        return b;
    }

    private String latin1(int n) { return new String(bytes(n), StandardCharsets.ISO_8859_1); }

    private String utf8(int n) { return new String(bytes(n), StandardCharsets.UTF_8); }

    private Object long1(int n) {
        if (n == 0) {
            return 0L;
        }
        byte[] le = bytes(n);
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) {
            be[i] = le[n - 1 - i];
        }
        BigInteger v = new BigInteger(be); // two's complement, as pickle stores it
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private String line(int at) {
        int start = pos;
        while (u8() != '\n') {
            // scan to the end of the line
        }
        String s = new String(in, start, pos - 1 - start, StandardCharsets.US_ASCII);
        if (s.isEmpty()) {
            throw fail(at, "GLOBAL with an empty module or name");
        }
        return s;
    }

    private DataException fail(int at, String what) {
        return new DataException(source + ": pickle byte " + at + ": " + what);
    }

    static String describe(Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v == NONE) {
            return "None";
        }
        if (v instanceof List<?> l) {
            return "a sequence of " + l.size();
        }
        return v instanceof Instance i ? "an object " + i.callable : "a " + v.getClass().getSimpleName();
    }
}
