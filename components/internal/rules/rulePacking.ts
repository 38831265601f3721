/**
 * Which HTTP requests go to HTTPS: path patterns checked against the ALB's
 * syntax and packed into listener rules (at most five values and five
 * wildcards per rule) with stable priorities. Pure functions, table-tested.
 */
import { display, kindOf, wildcardCount } from "./listenerValues";
import { quote } from "./problems";
import { DEFAULT_MAX_RULES_PER_LOAD_BALANCER } from "../../defaults";
export { DEFAULT_MAX_RULES_PER_LOAD_BALANCER };

/**
 * The ALB's limits per listener rule (AWS ELB guide, "Listener rule condition
 * types" → Condition basics: at most five match evaluations per rule, and at
 * most five wildcards per rule across host-header, http-header, path-pattern
 * and query-string conditions).
 */
export const VALUES_PER_CONDITION = 5;
export const WILDCARDS_PER_RULE = 5;
/** The highest listener-rule priority the ALB accepts. */
export const MAX_RULE_PRIORITY = 50000;
/** The longest path pattern the ALB accepts. */
export const MAX_PATH_PATTERN_LENGTH = 128;

// Letters, digits, _ - . $ / ~ " ' @ : + & and the wildcards * and ?.
const PATH_PATTERN_CHARS = /^[A-Za-z0-9_\-.$/~"'@:+&*?]+$/;

/** Why a path pattern is not valid ALB syntax, or `undefined`. */
export function pathPatternProblem(pattern: string, property: string): string | undefined {
    if (typeof pattern !== "string") {
        return `${quote(property, display(pattern))} is ${kindOf(pattern)}, not a string: write the pattern as text, e.g. '/admin/*'`;
    }
    const prefix = `\`${property}\` '${pattern}'`;
    if (!pattern.startsWith("/")) {
        return `${prefix} must start with '/': path patterns match the URL path, e.g. '/admin/*'`;
    }
    if (pattern.length > MAX_PATH_PATTERN_LENGTH) {
        return `${prefix} is ${pattern.length} characters, the ALB allows at most ${MAX_PATH_PATTERN_LENGTH}`;
    }
    if (pattern.includes("?") && /\?[^*?]*=/.test(pattern)) {
        return `${prefix} looks like it has a query string: path patterns match only the path ('?' is a one-character wildcard)`;
    }
    if (!PATH_PATTERN_CHARS.test(pattern)) {
        const bad = [...new Set([...pattern].filter((c) => !PATH_PATTERN_CHARS.test(c)))]
            .map((c) => `'${c}'`)
            .join(", ");
        return `${prefix} has ${bad}: the ALB allows letters, digits, _ - . $ / ~ " ' @ : + &, '*' (any characters) and '?' (one character)`;
    }
    const wildcards = wildcardCount(pattern);
    if (wildcards > WILDCARDS_PER_RULE) {
        return `${prefix} has ${wildcards} wildcards, more than the ${WILDCARDS_PER_RULE} a listener rule allows: merge them (one '*' matches any run of characters)`;
    }
    return undefined;
}

/** Problems of a whole pattern list: each pattern, and repeats. */
export function pathPatternsProblems(
    patterns: readonly string[],
    property: string,
): { path: string; reason: string }[] {
    const problems: { path: string; reason: string }[] = [];
    if (!Array.isArray(patterns)) {
        return [
            {
                path: property,
                reason: `${quote(property, display(patterns))} is ${kindOf(patterns)}, not a list: write the patterns as a list, e.g. ['/admin/*']`,
            },
        ];
    }
    const seen = new Map<string, number>();
    patterns.forEach((pattern, i) => {
        const path = `${property}[${i}]`;
        const problem = pathPatternProblem(pattern, path);
        const first = seen.get(pattern);
        if (problem) problems.push({ path, reason: problem });
        else if (first !== undefined)
            problems.push({
                path,
                reason: `\`${path}\` '${pattern}' repeats \`${property}[${first}]\`: list each pattern once`,
            });
        else seen.set(pattern, i);
    });
    return problems;
}

/** One listener rule: its priority (also its identity) and the condition values (path patterns or hosts) it matches. */
export interface PackedRule {
    priority: number;
    values: string[];
}

/**
 * Packs condition values (path patterns, hostnames), in the order given, into
 * rules of at most five values and five wildcards (`*`, `?`) each: a rule takes
 * the next value while both limits hold, else the next rule starts. Packing is
 * greedy in order, so appending values only fills the last rule or adds rules
 * after it: no existing rule changes priority, name or values. A value with
 * more than five wildcards is refused by `pathPatternProblem` before packing.
 */
export function packRuleValues(values: readonly string[], firstPriority = 1): PackedRule[] {
    const rules: PackedRule[] = [];
    let current: string[] = [];
    let wildcards = 0;
    for (const value of values) {
        const w = wildcardCount(value);
        if (current.length > 0 && (current.length === VALUES_PER_CONDITION || wildcards + w > WILDCARDS_PER_RULE)) {
            rules.push({ priority: firstPriority + rules.length, values: current });
            current = [];
            wildcards = 0;
        }
        current.push(value);
        wildcards += w;
    }
    if (current.length > 0) rules.push({ priority: firstPriority + rules.length, values: current });
    return rules;
}

/**
 * How many consecutive priorities a group of condition values takes (at least
 * one): by count for hostnames (each has at most one wildcard, `*.` in front,
 * so five always fit), by packing for a list of values.
 */
export function ruleCount(values: number | readonly string[]): number {
    if (typeof values === "number") return Math.max(1, Math.ceil(values / VALUES_PER_CONDITION));
    return Math.max(1, packRuleValues(values).length);
}

/**
 * Why `priority` cannot start a run of `count` rules, or `undefined`;
 * `taker` names who takes them ("the route", "this tenant").
 */
export function rulePriorityProblem(
    priority: number,
    count: number,
    property: string,
    taker: string,
): string | undefined {
    if (Number.isInteger(priority) && priority >= 1 && priority + count - 1 <= MAX_RULE_PRIORITY) return undefined;
    return `\`${property}\` '${priority}' is not a rule priority: use a whole number from 1 to ${MAX_RULE_PRIORITY - count + 1} (${taker} takes ${count})`;
}

/** Why these patterns (or this many, without wildcards) need more rules than the quota allows, or `undefined`. */
export function ruleQuotaProblem(
    patterns: number | readonly string[],
    otherRules: number,
    maxRules: number,
    property: string,
): string | undefined {
    const count = typeof patterns === "number" ? patterns : patterns.length;
    const needed =
        typeof patterns === "number" ? Math.ceil(patterns / VALUES_PER_CONDITION) : packRuleValues(patterns).length;
    if (needed + otherRules <= maxRules) return undefined;
    const others = otherRules > 0 ? ` plus ${otherRules} other rules` : "";
    return (
        `\`${property}\` has ${count} patterns, which take ${needed} listener rules (at most ${VALUES_PER_CONDITION} patterns and ${WILDCARDS_PER_RULE} wildcards per rule)${others}, ` +
        `more than the ${maxRules} rules a load balancer allows: merge patterns with '*' wildcards, or raise \`maxRulesPerLoadBalancer\` once AWS has raised your quota`
    );
}
