// The reglement's rules as pure functions, one concept per file (seed 004 wins over DOMAIN.md).
export * from './counting';
export * from './valid-until';
export * from './waiting-period';
export * from './criteria-transition';
export * from './suspension-extension';
export * from './renewal-start';
export * from './meeting-placement';
export * from './keuring-order';
export * from './eligibility-rules';
