/**
 * Which HTTP requests go to HTTPS: path patterns checked against the ALB's
 * syntax and packed into listener rules (at most five values per condition)
 * with stable priorities. Pure functions, table-tested.
 */

/** The ALB's limit on values in one rule condition. */
export const VALUES_PER_CONDITION = 5;
/** The ALB's default quota of rules per load balancer (not counting default actions). */
export const DEFAULT_MAX_RULES_PER_LOAD_BALANCER = 100;
/** The highest listener-rule priority the ALB accepts. */
export const MAX_RULE_PRIORITY = 50000;
/** The longest path pattern the ALB accepts. */
export const MAX_PATH_PATTERN_LENGTH = 128;

// Letters, digits, _ - . $ / ~ " ' @ : + & and the wildcards * and ?.
const PATH_PATTERN_CHARS = /^[A-Za-z0-9_\-.$/~"'@:+&*?]+$/;

/** Why a path pattern is not valid ALB syntax, or `undefined`. */
export function pathPatternProblem(pattern: string, property: string): string | undefined {
    const prefix = `\`${property}\` '${pattern}'`;
    if (typeof pattern !== "string" || !pattern.startsWith("/")) {
        return `${prefix} must start with '/': path patterns match the URL path, e.g. '/admin/*'`;
    }
    if (pattern.length > MAX_PATH_PATTERN_LENGTH) {
        return `${prefix} is ${pattern.length} characters, the ALB allows at most ${MAX_PATH_PATTERN_LENGTH}`;
    }
    if (pattern.includes("?") && /\?[^*?]*=/.test(pattern)) {
        return `${prefix} looks like it has a query string: path patterns match only the path ('?' is a one-character wildcard)`;
    }
    if (!PATH_PATTERN_CHARS.test(pattern)) {
        const bad = [...new Set([...pattern].filter((c) => !PATH_PATTERN_CHARS.test(c)))].map((c) => `'${c}'`).join(", ");
        return `${prefix} has ${bad}: the ALB allows letters, digits, _ - . $ / ~ " ' @ : + &, '*' (any characters) and '?' (one character)`;
    }
    return undefined;
}

/** Problems of a whole pattern list: each pattern, and repeats. */
export function pathPatternsProblems(patterns: readonly string[], property: string): { path: string; reason: string }[] {
    const problems: { path: string; reason: string }[] = [];
    const seen = new Map<string, number>();
    patterns.forEach((pattern, i) => {
        const path = `${property}[${i}]`;
        const problem = pathPatternProblem(pattern, path);
        const first = seen.get(pattern);
        if (problem) problems.push({ path, reason: problem });
        else if (first !== undefined) problems.push({ path, reason: `\`${path}\` '${pattern}' repeats \`${property}[${first}]\`: list each pattern once` });
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
 * rules of at most five values. Rule k (priority `firstPriority + k`) always
 * holds values 5k…5k+4, so appending values only fills the last rule or adds
 * rules after it: no existing rule changes priority or name.
 */
export function packRuleValues(values: readonly string[], firstPriority = 1): PackedRule[] {
    const rules: PackedRule[] = [];
    for (let i = 0; i < values.length; i += VALUES_PER_CONDITION) {
        rules.push({ priority: firstPriority + rules.length, values: values.slice(i, i + VALUES_PER_CONDITION) });
    }
    return rules;
}

/** How many consecutive priorities a group of `valueCount` condition values takes (at least one). */
export function ruleCount(valueCount: number): number {
    return Math.max(1, Math.ceil(valueCount / VALUES_PER_CONDITION));
}

/**
 * Why `priority` cannot start a run of `count` rules, or `undefined`;
 * `taker` names who takes them ("the route", "this tenant").
 */
export function rulePriorityProblem(priority: number, count: number, property: string, taker: string): string | undefined {
    if (Number.isInteger(priority) && priority >= 1 && priority + count - 1 <= MAX_RULE_PRIORITY) return undefined;
    return `\`${property}\` '${priority}' is not a rule priority: use a whole number from 1 to ${MAX_RULE_PRIORITY - count + 1} (${taker} takes ${count})`;
}

/** Why this many patterns need more rules than the quota allows, or `undefined`. */
export function ruleQuotaProblem(patternCount: number, otherRules: number, maxRules: number, property: string): string | undefined {
    const needed = Math.ceil(patternCount / VALUES_PER_CONDITION);
    if (needed + otherRules <= maxRules) return undefined;
    const others = otherRules > 0 ? ` plus ${otherRules} other rules` : "";
    return (
        `\`${property}\` has ${patternCount} patterns, which take ${needed} listener rules (${VALUES_PER_CONDITION} patterns per rule)${others}, ` +
        `more than the ${maxRules} rules a load balancer allows: merge patterns with '*' wildcards, or raise \`maxRulesPerLoadBalancer\` once AWS has raised your quota`
    );
}
