export async function touch(): Promise<void> {}
