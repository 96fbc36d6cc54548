/** What inventory resolvers pass around for a Product: its id (the stock is loaded per field). */
export interface ProductStock {
  id: string;
}
