/** Payload of events that take no arguments (room:list): `{}`; any field is refused. */
export class EmptyDto {}
