package io.lakehub.schedules.pipeline;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of a pipeline's {@code steps:} list, validated, before it is made into a running step
 * (Camel-free: the {@code lakehub:} component turns it into a {@code StepDefinition}).
 *
 * <pre>
 * steps:
 *   - drop-columns: [ssn, notes]
 *   - rename-columns: { fullname: name }
 *   - class: com.acme.MaskEmails      # implements io.lakehub.processors.chain.Step
 *     options: { column: email }
 *   - processor: scrubber             # a Camel Processor bean in the registry
 * </pre>
 */
public sealed interface StepConfig {

    /** The step's name, under which its report is recorded ({@code step.<name>.*}). */
    String name();

    /** Where the step is declared, {@code <file>:<line>}, for messages. */
    String origin();

    /** {@code drop-columns: [a, b]}. */
    record DropColumns(List<String> columns, String origin) implements StepConfig {
        public DropColumns {
            columns = List.copyOf(columns);
            Objects.requireNonNull(origin, "origin");
        }

        @Override
        public String name() {
            return "drop-columns";
        }
    }

    /** {@code rename-columns: {old: new}}, in the order written. */
    record RenameColumns(Map<String, String> renames, String origin) implements StepConfig {
        public RenameColumns {
            renames = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(renames));
            Objects.requireNonNull(origin, "origin");
        }

        @Override
        public String name() {
            return "rename-columns";
        }
    }

    /**
     * {@code class: com.acme.MyStep} with optional {@code options:} (values as strings) and {@code
     * name:} (default: the class's simple name). The class was found on the class path, implements
     * the Step interface and has a public no-argument constructor.
     */
    record JavaClass(String className, Map<String, String> options, String name, String origin) implements StepConfig {
        public JavaClass {
            Objects.requireNonNull(className, "className");
            options = Map.copyOf(options);
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(origin, "origin");
        }
    }

    /**
     * {@code processor: beanName}: a Camel {@code Processor} from the registry, looked up when the
     * pipeline's routes start; {@code name:} defaults to the bean name.
     */
    record CamelProcessor(String bean, String name, String origin) implements StepConfig {
        public CamelProcessor {
            Objects.requireNonNull(bean, "bean");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(origin, "origin");
        }
    }
}
