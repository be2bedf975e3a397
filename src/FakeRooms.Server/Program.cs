using FakeRooms.Server;

return await ServerCommand.RunAsync(args, Console.Out, Console.Error);
