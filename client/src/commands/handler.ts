/**
 * A command's function. VS Code passes it whatever its caller gave (a tree node, a uri, arguments
 * from a command link), and each handler types its own arguments.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CommandHandler = (...args: any[]) => unknown;
