package io.lakehub.schedules;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs Quartz's JDBC calls on threads nobody interrupts. Quartz interrupts its scheduler, misfire and
 * cluster threads when it shuts down; with the embedded H2 catalog an interrupt that lands while H2
 * writes makes the JVM close H2's file channel, and H2 then closes the whole catalog database under
 * every other connection (the hub's commits included). Each call on a shielded connection, and on
 * the statements and result sets it hands out, is made on a worker thread while the caller waits
 * without reacting to interrupts (it keeps its interrupt flag for afterwards). Costs one thread hop
 * per JDBC call, a few dozen per fire.
 */
final class InterruptShield implements AutoCloseable {

    private final ExecutorService io;

    InterruptShield(String threadPrefix) {
        AtomicInteger n = new AtomicInteger();
        this.io = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, threadPrefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    Connection shield(Connection connection) {
        return (Connection) proxy(Connection.class, connection);
    }

    private Object proxy(Class<?> type, Object target) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, new Handler(target));
    }

    private final class Handler implements InvocationHandler {
        private final Object target;

        Handler(Object target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "equals":
                    if (method.getParameterCount() == 1 && method.getParameterTypes()[0] == Object.class) {
                        return proxy == args[0];
                    }
                    break;
                case "hashCode":
                    if (method.getParameterCount() == 0) {
                        return System.identityHashCode(proxy);
                    }
                    break;
                case "toString":
                    if (method.getParameterCount() == 0) {
                        return "shielded " + target;
                    }
                    break;
                default:
                    break;
            }
            Object result = callUninterruptibly(method, args);
            Class<?> returned = method.getReturnType();
            // Statements, result sets and metadata do I/O of their own: shield them too.
            if (result != null
                    && returned.isInterface()
                    && returned.getPackageName().equals("java.sql")
                    && !method.getName().equals("unwrap")) {
                return proxy(returned, result);
            }
            return result;
        }

        private Object callUninterruptibly(Method method, Object[] args) throws Throwable {
            Future<Object> call = io.submit(() -> method.invoke(target, args));
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return call.get();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (ExecutionException e) {
                        Throwable cause = e.getCause();
                        throw cause instanceof InvocationTargetException ite ? ite.getCause() : cause;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** After Quartz has shut down; calls in flight finish first. */
    @Override
    public void close() {
        io.shutdown();
    }
}
