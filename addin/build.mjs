console.log('addin: nothing to build yet');
