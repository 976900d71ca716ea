package io.lfp.cli;

import java.util.List;
import java.util.Locale;

import io.lfp.cli.stack.StackSettings;

/**
 * One parsed {@code ./lfp} command line.
 *
 * @param workers ingest-worker instances for {@code up} and {@code ingest}
 * @param workersGiven whether {@code --workers} was on the command line (to warn when it cannot apply)
 * @param follow {@code logs -f}
 * @param argument the SERVICE of {@code logs}, the FILE of {@code ingest}, the upload ID of {@code retry};
 *        null when absent
 */
public record Invocation(Command command, int workers, boolean workersGiven, boolean follow, String argument) {

    public enum Command {
        UP,
        STATUS,
        DOWN,
        LOGS,
        INGEST,
        RETRY,
        HELP
    }

    static final int MAX_WORKERS = 16;

    public static Invocation parse(String... args) throws UsageException {
        if (args.length == 0) {
            return new Invocation(Command.HELP, StackSettings.DEFAULT_WORKERS, false, false, null);
        }
        Command command = command(args[0]);
        int workers = StackSettings.DEFAULT_WORKERS;
        boolean workersGiven = false;
        boolean follow = false;
        String argument = null;
        List<String> rest = List.of(args).subList(1, args.length);
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (arg.equals("--workers") || arg.startsWith("--workers=")) {
                requireFor(command, arg, Command.UP, Command.INGEST);
                String value;
                if (arg.contains("=")) {
                    value = arg.substring(arg.indexOf('=') + 1);
                } else if (i + 1 < rest.size()) {
                    value = rest.get(++i);
                } else {
                    throw new UsageException("--workers needs a number");
                }
                workers = workerCount(value);
                workersGiven = true;
            } else if (arg.equals("-f") || arg.equals("--follow")) {
                requireFor(command, arg, Command.LOGS);
                follow = true;
            } else if (arg.startsWith("-") && arg.length() > 1) {
                throw new UsageException("Unknown option for " + name(command) + ": " + arg);
            } else if (argument == null
                    && (command == Command.LOGS || command == Command.INGEST || command == Command.RETRY)) {
                argument = arg;
            } else {
                throw new UsageException("Unexpected argument for " + name(command) + ": " + arg);
            }
        }
        if (command == Command.INGEST && argument == null) {
            throw new UsageException("ingest needs a FILE: ./lfp ingest FILE [--workers N]");
        }
        if (command == Command.RETRY && argument == null) {
            throw new UsageException("retry needs an upload ID: ./lfp retry ID");
        }
        if (follow && argument == null) {
            throw new UsageException("logs -f follows one log: ./lfp logs -f SERVICE");
        }
        return new Invocation(command, workers, workersGiven, follow, argument);
    }

    private static Command command(String word) throws UsageException {
        return switch (word) {
            case "up" -> Command.UP;
            case "status" -> Command.STATUS;
            case "down" -> Command.DOWN;
            case "logs" -> Command.LOGS;
            case "ingest" -> Command.INGEST;
            case "retry" -> Command.RETRY;
            case "help", "-h", "--help" -> Command.HELP;
            default -> throw new UsageException("Unknown command: " + word);
        };
    }

    private static int workerCount(String value) throws UsageException {
        try {
            int workers = Integer.parseInt(value);
            if (workers >= 1 && workers <= MAX_WORKERS) {
                return workers;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new UsageException("--workers must be a whole number from 1 to " + MAX_WORKERS + ", was: " + value);
    }

    private static void requireFor(Command command, String option, Command... allowed) throws UsageException {
        if (!List.of(allowed).contains(command)) {
            throw new UsageException("Unknown option for " + name(command) + ": " + option);
        }
    }

    private static String name(Command command) {
        return command.name().toLowerCase(Locale.ROOT);
    }
}
