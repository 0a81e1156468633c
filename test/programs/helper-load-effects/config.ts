// Settings other modules derive constants from as they load.
export const config = { scale: 1, unit: 'm', table: [1, 2, 3] };
